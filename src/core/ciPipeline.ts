// The CI files "Set Up CI Push..." writes: a GitHub Actions workflow (OIDC role assumption, no
// stored keys) and a CodeBuild buildspec, each building one Dockerfile, pushing it with the git
// SHA as tag, waiting for ECR's scan and running the production gate's CLI.
// Every value from the workspace or the user goes into the YAML as a double-quoted scalar (JSON
// string syntax, which YAML reads the same) and into shell commands only as a quoted "$VARIABLE",
// so a path with quotes or `$(...)` can break neither. No vscode import (unit-tested).

export interface CiPushSpec {
  /** Paths relative to the repository root (the workspace folder), with forward slashes. */
  readonly dockerfile: string;
  /** "." for the root. */
  readonly context: string;
  readonly repository: string;
  readonly accountId: string;
  readonly region: string;
  /** The role GitHub Actions assumes through OIDC (not used by the buildspec: CodeBuild has its own). */
  readonly roleArn: string;
  /** The repository scans on push; otherwise the pipeline starts the scan itself. */
  readonly scanOnPush: boolean;
  /** The policy file, relative to the root: `.ecr-policy.yaml` when the workspace has none yet. */
  readonly policyFile: string;
  /** Whether `policyFile` exists: without it the check runs only once the file is added. */
  readonly policyExists: boolean;
  /** The branch whose pushes run the workflow. */
  readonly branch: string;
}

/** The command this package's `bin` names (package.json): `npx --package <spec> ecr-explorer check`. */
export const POLICY_CHECK_BIN = 'ecr-explorer';
/** The CI variable telling npx where this package comes from (it is not on the public npm registry). */
export const POLICY_CHECK_PACKAGE_VARIABLE = 'ECR_POLICY_CHECK_PACKAGE';

export const WORKFLOW_FOLDER = '.github/workflows';
export const BUILDSPEC_FILE = 'buildspec.yml';

/** `.github/workflows/ecr-push-team-web.yml` for repository `team/web`. */
export function workflowPath(repository: string): string {
  return `${WORKFLOW_FOLDER}/ecr-push-${repository.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}.yml`;
}

type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(.+)$/;
// IAM: a role name is 1-64 of these; a path is "/", or "/" and segments of them ending in "/".
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^(?:[\w+=,.@-]+\/)*$/;

/** Why `text` is not the ARN of an IAM role of `region`'s partition; undefined when it is. */
export function checkRoleArn(text: string, region: string): string | undefined {
  const arn = text.trim();
  if (arn.length === 0) return 'Give the ARN of the IAM role GitHub Actions assumes, e.g. arn:aws:iam::123456789012:role/github-ecr-push';
  const match = ROLE_ARN.exec(arn);
  if (!match) return `"${arn}" is not an IAM role ARN: it looks like arn:aws:iam::123456789012:role/github-ecr-push`;
  const partition = partitionOf(region);
  if (match[1] !== partition) return `${region} is in the ${partition} partition: the role's ARN starts with arn:${partition}:iam::`;
  const rest = match[3];
  const slash = rest.lastIndexOf('/');
  const [path, name] = [rest.slice(0, slash + 1), rest.slice(slash + 1)];
  if (!ROLE_NAME.test(name)) return `"${name}" is not a valid role name: 1 to 64 letters, digits and + = , . @ _ -`;
  if (!ROLE_PATH.test(path) || path.length > 511) return `"${path}" is not a valid role path: segments of letters, digits and + = , . @ _ - separated by "/"`;
  return undefined;
}

/** Why a spec cannot be written into CI files; undefined when it can. */
export function checkSpec(spec: CiPushSpec): string | undefined {
  // GitHub evaluates ${{ }} anywhere in a workflow, even inside quoted strings.
  const values = [spec.dockerfile, spec.context, spec.policyFile, spec.branch, spec.repository];
  const expression = values.find((v) => v.includes('${{'));
  if (expression !== undefined) return `"${expression}" contains "\${{", which GitHub Actions would evaluate as an expression`;
  const broken = values.find((v) => /[\r\n\0]/.test(v));
  if (broken !== undefined) return `${JSON.stringify(broken)} contains a line break`;
  return checkRoleArn(spec.roleArn, spec.region);
}

/** The ECR registry host of an account and region. */
export function registryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.${partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

/** A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's). */
function q(value: string): string {
  return JSON.stringify(value);
}

/** A YAML single-quoted scalar, for commands of one line: their double quotes stay readable. */
function sq(command: string): string {
  return `'${command.replace(/'/g, "''")}'`;
}

const CHECK_COMMAND = `npx --yes --package "$${POLICY_CHECK_PACKAGE_VARIABLE}" ${POLICY_CHECK_BIN} check --policy "$ECR_POLICY"`;
const MISSING_PACKAGE =
  `Set the ${POLICY_CHECK_PACKAGE_VARIABLE} variable to where npm gets the ECR Explorer package (a tarball URL or a name@version your team publishes).`;

export function githubWorkflow(spec: CiPushSpec): string {
  const scanStart = spec.scanOnPush
    ? []
    : [
        '      - name: Start the image scan',
        `        run: ${sq('aws ecr start-image-scan --repository-name "$ECR_REPOSITORY" --image-id imageTag="$GITHUB_SHA"')}`,
      ];
  const checkCondition = spec.policyExists ? [] : ['        # No policy file yet: the check runs once it is added.', `        if: ${q("hashFiles(env.ECR_POLICY) != ''")}`];
  return [
    `# Written by ECR Explorer ("Set Up CI Push..."). On every push to ${spec.branch}: builds ${spec.dockerfile},`,
    `# pushes it to ECR as ${spec.repository}:<commit SHA>, waits for the image scan and checks the image`,
    `# references against ${spec.policyFile}. AWS access: the job assumes the role below through GitHub's`,
    '# OIDC provider, with no stored keys. The role needs a trust policy for token.actions.githubusercontent.com',
    '# (audience sts.amazonaws.com, this repository as subject) and permission to push to the repository and',
    '# to read its images and scan findings.',
    `name: ${q(`Push ${spec.repository} to Amazon ECR`)}`,
    'on:',
    '  push:',
    `    branches: [${q(spec.branch)}]`,
    '  workflow_dispatch: {}',
    'permissions:',
    '  id-token: write # the OIDC token the role is assumed with',
    '  contents: read',
    'env:',
    `  AWS_REGION: ${q(spec.region)}`,
    `  ECR_REPOSITORY: ${q(spec.repository)}`,
    `  DOCKERFILE: ${q(spec.dockerfile)}`,
    `  BUILD_CONTEXT: ${q(spec.context)}`,
    `  ECR_POLICY: ${q(spec.policyFile)}`,
    'jobs:',
    '  push:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - name: Check out',
    '        uses: actions/checkout@v4',
    '      - name: Assume the AWS role (OIDC)',
    '        uses: aws-actions/configure-aws-credentials@v4',
    '        with:',
    `          role-to-assume: ${q(spec.roleArn.trim())}`,
    '          aws-region: ${{ env.AWS_REGION }}',
    '      - name: Log in to Amazon ECR',
    '        id: ecr',
    '        uses: aws-actions/amazon-ecr-login@v2',
    '      - name: Build and push',
    '        env:',
    '          IMAGE: ${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}',
    '        run: |',
    '          docker build --file "$DOCKERFILE" --tag "$IMAGE" "$BUILD_CONTEXT"',
    '          docker push "$IMAGE"',
    ...scanStart,
    '      - name: Wait for the image scan',
    `        run: ${sq('aws ecr wait image-scan-complete --repository-name "$ECR_REPOSITORY" --image-id imageTag="$GITHUB_SHA"')}`,
    '      - name: Set up Node.js',
    '        uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    '      - name: Check image references against the policy',
    ...checkCondition,
    '        env:',
    `          ${POLICY_CHECK_PACKAGE_VARIABLE}: \${{ vars.${POLICY_CHECK_PACKAGE_VARIABLE} }}`,
    '        run: |',
    `          if [ -z "$${POLICY_CHECK_PACKAGE_VARIABLE}" ]; then echo ${q(`::error::${MISSING_PACKAGE}`)}; exit 1; fi`,
    `          ${CHECK_COMMAND}`,
    '',
  ].join('\n');
}

export function codeBuildSpec(spec: CiPushSpec): string {
  const tagged = '"$ECR_REGISTRY/$ECR_REPOSITORY:$CODEBUILD_RESOLVED_SOURCE_VERSION"';
  const imageId = '--image-id imageTag="$CODEBUILD_RESOLVED_SOURCE_VERSION"';
  const commands = [
    'aws ecr get-login-password | docker login --username AWS --password-stdin "$ECR_REGISTRY"',
    `docker build --file "$DOCKERFILE" --tag ${tagged} "$BUILD_CONTEXT"`,
    `docker push ${tagged}`,
    ...(spec.scanOnPush ? [] : [`aws ecr start-image-scan --repository-name "$ECR_REPOSITORY" ${imageId}`]),
    `aws ecr wait image-scan-complete --repository-name "$ECR_REPOSITORY" ${imageId}`,
    `if [ -z "$${POLICY_CHECK_PACKAGE_VARIABLE}" ]; then echo ${q(MISSING_PACKAGE)}; exit 1; fi`,
    spec.policyExists ? CHECK_COMMAND : `if [ -f "$ECR_POLICY" ]; then ${CHECK_COMMAND}; fi`,
  ];
  return [
    `# Written by ECR Explorer ("Set Up CI Push..."): builds ${spec.dockerfile}, pushes it to ECR as`,
    `# ${spec.repository}:<commit SHA>, waits for the image scan and checks the image references against`,
    `# ${spec.policyFile}. AWS access: the CodeBuild project's service role (no stored keys); it needs`,
    '# permission to push to the repository and read its images and scan findings. The project needs',
    `# privileged mode (docker builds) and the ${POLICY_CHECK_PACKAGE_VARIABLE} environment variable: where npm`,
    '# gets the ECR Explorer package (a tarball URL or a name@version your team publishes).',
    'version: 0.2',
    'env:',
    '  variables:',
    `    ECR_REGISTRY: ${q(registryHost(spec.accountId, spec.region))}`,
    `    ECR_REPOSITORY: ${q(spec.repository)}`,
    `    DOCKERFILE: ${q(spec.dockerfile)}`,
    `    BUILD_CONTEXT: ${q(spec.context)}`,
    `    ECR_POLICY: ${q(spec.policyFile)}`,
    'phases:',
    '  install:',
    '    runtime-versions:',
    '      nodejs: 20',
    '  build:',
    '    commands:',
    ...commands.map((command) => `      - ${sq(command)}`),
    '',
  ].join('\n');
}
