// Inputs that once took minutes or threw (an alias lookup walking the whole document, a backtracking
// !Sub regex, quadratic continuation offsets, ARG values doubling without bound) now scan in one
// pass and still give the right references. Each is sized so the old code ran minutes on this
// machine, far past the 30 s these tests allow, while the linear scan takes a second or two.
import * as assert from 'node:assert/strict';
import { cloudFormationScanner, composeScanner, dockerfileScanner, ecsTaskDefinitionScanner, helmValuesScanner, ImageReference, kubernetesScanner, Scanner } from '../../../src/core/scanners';
import { MAX_SUBSTITUTED_LENGTH, substitute } from '../../../src/core/scanners/substitute';
import {
  cloudFormationOpenSubs,
  COMPOSE_SERVICES,
  composeAliases,
  CONTINUATION_LINES,
  dockerfileDoublingArgs,
  DOUBLING_ARGS,
  dockerfileLongContinuation,
  ECR_IMAGE,
  HELM_CHARTS,
  helmAliases,
  KUBERNETES_CONTAINERS,
  kubernetesAliases,
} from './pathologicalInputs';
import { assertRangesMatch, span } from './scannerSupport';

const LIMIT_MS = 30_000;

function scanChecked(scanner: Scanner, text: string): ImageReference[] {
  const references = scanner.scan(text);
  assertRangesMatch(text, references, scanner.kind);
  return references;
}

describe('scanners stay linear on pathological input', () => {
  it('resolves every alias of a 300 KB Helm values file with merge keys to its anchored image', function () {
    this.timeout(LIMIT_MS);
    const references = scanChecked(helmValuesScanner, helmAliases());
    assert.equal(references.length, HELM_CHARTS);
    assert.ok(references.every((r) => r.text === '*img' && r.resolved === ECR_IMAGE));
    // chart<i> starts on line 4 + 4i; its image is the chart's fourth line.
    const last = 4 + 4 * (HELM_CHARTS - 1) + 3;
    assert.deepEqual(span(references[HELM_CHARTS - 1]), [last, 9, last, 13]);
  });

  it('resolves aliased images of a 200 KB compose file and a 200 KB Kubernetes manifest', function () {
    this.timeout(LIMIT_MS);
    const compose = scanChecked(composeScanner, composeAliases());
    assert.equal(compose.length, COMPOSE_SERVICES);
    assert.ok(compose.every((r) => r.text === '*img' && r.resolved === ECR_IMAGE));
    const kubernetes = scanChecked(kubernetesScanner, kubernetesAliases());
    assert.equal(kubernetes.length, KUBERNETES_CONTAINERS);
    assert.equal(kubernetes[0].text, ECR_IMAGE);
    assert.ok(kubernetes.slice(1).every((r) => r.text === '*img' && r.resolved === ECR_IMAGE));
  });

  it('resolves an alias to the latest anchor of that name before it, as YAML does', () => {
    const text = 'a: &img x/one:1\nb:\n  image: *img\nc: &img x/two:2\nd:\n  image: *img\ne:\n  image: *nowhere\n';
    assert.deepEqual(
      scanChecked(helmValuesScanner, text).map((r) => [r.text, r.resolved]),
      [
        ['*img', 'x/one:1'],
        ['*img', 'x/two:2'],
      ],
    );
  });

  it('reads the variables of a !Sub with 500 KB of unclosed "${" and the images after it', function () {
    this.timeout(LIMIT_MS);
    const references = scanChecked(cloudFormationScanner, cloudFormationOpenSubs());
    assert.equal(references.length, 2);
    assert.equal(references[0].unresolved, 'uses Sub with ${AWS::AccountId}, ${AWS::Region}, ${Tag}, which CloudFormation fills in at deploy time');
    assert.equal(references[1].text, ECR_IMAGE);
  });

  it('keeps !Sub literals and variables apart as before', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Image: !Sub "x/${!Lit}:${Tag}${!Open"\n        - Image: !Sub "x/${!Lit}:1"\n';
    assert.deepEqual(
      scanChecked(cloudFormationScanner, text).map((r) => r.unresolved ?? r.resolved),
      ['uses Sub with ${Tag}, which CloudFormation fills in at deploy time', 'x/${Lit}:1'],
    );
  });

  it('reads a 5 MB task definition in one pass, and what that pass gives up on late through the tree', function () {
    this.timeout(LIMIT_MS);
    const containers: string[] = [];
    for (let length = 0; length < 5_000_000; length += containers[containers.length - 1].length) containers.push(`{"name": "c${containers.length}", "image": "${ECR_IMAGE}${containers.length}"}`);
    const text = `{"containerDefinitions": [\n${containers.join(',\n')}\n]}`;
    const references = scanChecked(ecsTaskDefinitionScanner, text);
    assert.equal(references.length, containers.length);
    const last = containers.length - 1;
    const column = containers[last].indexOf(ECR_IMAGE);
    assert.deepEqual(span(references[last]), [last + 1, column, last + 1, column + `${ECR_IMAGE}${last}`.length]);
    // Broken at the very end: read twice (the pass, then the tree), still once per character.
    assert.equal(scanChecked(ecsTaskDefinitionScanner, `${text} trailing`).length, containers.length);
  });

  it('keeps task definition scans linear with 200,000 keys in one container, 100,000 levels of nesting and a long blank line', function () {
    this.timeout(LIMIT_MS);
    const keys: string[] = [];
    for (let i = 0; i < 200_000; i++) keys.push(i % 2 ? `"image": "x${i}:1"` : `"k${i}": ${i}`);
    assert.deepEqual(scanChecked(ecsTaskDefinitionScanner, `[{${keys.join(', ')}}]`).map((r) => r.text), ['x1:1']);
    // Given up at 200 levels; jsonc-parser's stack overflow there gives no tree, as before.
    assert.deepEqual(scanChecked(ecsTaskDefinitionScanner, `${'['.repeat(100_000)}${']'.repeat(100_000)}`), []);
    // Every reference looks for `// ecr-ignore` on the line before: once, not once per reference.
    const images = Array.from({ length: 40_000 }, (_, i) => `{"image": "x${i}:1"}`);
    const afterBlankLine = scanChecked(ecsTaskDefinitionScanner, `${' '.repeat(2_000_000)}\n[${images.join(',')}]`);
    assert.equal(afterBlankLine.length, images.length);
  });

  it('stops ARG values that double on every line instead of building gigabytes', () => {
    const references = scanChecked(dockerfileScanner, dockerfileDoublingArgs());
    assert.deepEqual(
      references.map((r) => [r.text, r.resolved ?? r.unresolved]),
      [
        ['repo:${A2}', 'repo:abababab'],
        [`${'$'}{A${DOUBLING_ARGS}}`, `uses variable ${'$'}{A${DOUBLING_ARGS}} with no default`],
      ],
    );
    const long = 'x'.repeat(MAX_SUBSTITUTED_LENGTH);
    assert.deepEqual(substitute('$A$A', () => long, { escape: 'backslash' }), { unresolved: `expands to more than ${MAX_SUBSTITUTED_LENGTH} characters` });
    assert.deepEqual(substitute('$A', () => long, { escape: 'backslash' }), { value: long });
  });

  it('maps every --from= of a COPY continued over 200,000 lines to its own line', function () {
    this.timeout(LIMIT_MS);
    const references = scanChecked(dockerfileScanner, dockerfileLongContinuation());
    assert.equal(references.length, CONTINUATION_LINES);
    const last = references[CONTINUATION_LINES - 1];
    assert.equal(last.text, `img${CONTINUATION_LINES - 1}:1`);
    assert.deepEqual(span(last), [CONTINUATION_LINES, 9, CONTINUATION_LINES, 9 + last.text.length]);
  });
});
