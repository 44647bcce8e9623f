// Inputs that once made a scanner superlinear (found by fuzzing), shared by the unit tests that
// assert their results and by the bench that times them. Sized so the old code took minutes (2 cores)
// or threw, while one linear scan takes a second or two.
import { ScannerKind } from '../../../src/core/scanners';

export interface PathologicalInput {
  readonly name: string;
  readonly kind: ScannerKind;
  /** Built on demand: some are megabytes. */
  readonly text: () => string;
}

export const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1';

/** Helm values where every chart merges defaults and takes its image through an alias. */
export const HELM_CHARTS = 6000;
export function helmAliases(charts = HELM_CHARTS): string {
  const parts = [`base: &img ${ECR_IMAGE}\ndefaults: &d\n  pullPolicy: IfNotPresent\n  resources: {limits: {cpu: 100m, memory: 64Mi}}\n`];
  for (let i = 0; i < charts; i++) parts.push(`chart${i}:\n  <<: *d\n  replicas: ${i}\n  image: *img\n`);
  return parts.join('');
}

export const COMPOSE_SERVICES = 5000;
export function composeAliases(services = COMPOSE_SERVICES): string {
  const parts = [`x-image: &img ${ECR_IMAGE}\nx-defaults: &d {restart: always}\nservices:\n`];
  for (let i = 0; i < services; i++) parts.push(`  svc${i}:\n    <<: *d\n    image: *img\n`);
  return parts.join('');
}

export const KUBERNETES_CONTAINERS = 5000;
export function kubernetesAliases(containers = KUBERNETES_CONTAINERS): string {
  const parts = ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n'];
  for (let i = 0; i < containers; i++) parts.push(i === 0 ? `    - {name: c0, image: &img ${ECR_IMAGE}, env: &env [{name: A, value: "1"}]}\n` : `    - {name: c${i}, image: *img, env: *env}\n`);
  return parts.join('');
}

/** A `!Sub` template whose three variables are followed by `runs` unclosed `${`. */
export const SUB_OPEN_RUNS = 250_000;
export function cloudFormationOpenSubs(runs = SUB_OPEN_RUNS): string {
  const sub = '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:${Tag}' + '${'.repeat(runs);
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Task:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties:',
    '      ContainerDefinitions:',
    `        - Image: !Sub "${sub}"`,
    `        - Image: ${ECR_IMAGE}`,
    '',
  ].join('\n');
}

/** `ARG A<n>=${A<n-1>}${A<n-1>}`: the value doubles on every line, past V8's longest string at 28. */
export const DOUBLING_ARGS = 28;
export function dockerfileDoublingArgs(lines = DOUBLING_ARGS): string {
  const args = ['ARG A0=ab'];
  for (let i = 1; i <= lines; i++) args.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return `${args.join('\n')}\nFROM repo:\${A2}\nFROM \${A${lines}}\n`;
}

/** One COPY continued over `lines` lines, each with a `--from=` image. */
export const CONTINUATION_LINES = 200_000;
export function dockerfileLongContinuation(lines = CONTINUATION_LINES): string {
  const parts = ['COPY \\\n'];
  for (let i = 0; i < lines; i++) parts.push(`  --from=img${i}:1 \\\n`);
  parts.push('  /src /dst\n');
  return parts.join('');
}

export const pathologicalInputs: readonly PathologicalInput[] = [
  { name: `Helm values, ${HELM_CHARTS} charts with merge keys and aliases`, kind: 'helmValues', text: () => helmAliases() },
  { name: `compose, ${COMPOSE_SERVICES} services with merge keys and aliases`, kind: 'compose', text: () => composeAliases() },
  { name: `Kubernetes, ${KUBERNETES_CONTAINERS} containers with aliased images`, kind: 'kubernetes', text: () => kubernetesAliases() },
  { name: `CloudFormation, !Sub with ${SUB_OPEN_RUNS} unclosed \${`, kind: 'cloudFormation', text: () => cloudFormationOpenSubs() },
  { name: `Dockerfile, ${DOUBLING_ARGS} doubling ARG lines`, kind: 'dockerfile', text: () => dockerfileDoublingArgs() },
  { name: `Dockerfile, COPY continued over ${CONTINUATION_LINES} lines`, kind: 'dockerfile', text: () => dockerfileLongContinuation() },
];
