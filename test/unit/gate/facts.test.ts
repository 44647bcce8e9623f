import * as assert from 'node:assert/strict';
import type { ImageReference } from '../../../src/core/scanners';
import { gatherFacts, type FactSources } from '../../../src/gate/facts';
import { classifyReference } from '../../../src/language/classify';
import type { FindingsOutcome, LookupOutcome } from '../../../src/language/outcome';

const HOST = '111111111111.dkr.ecr.us-east-1.amazonaws.com';
const DIGEST = `sha256:${'d'.repeat(64)}`;
const registry = { id: 'src-1', label: 'sandbox', accountId: '111111111111', region: 'us-east-1' };

function reference(text: string, line: number, extra: Partial<ImageReference> = {}): ImageReference {
  return { text, kind: 'dockerfile', range: { start: { line, character: 5 }, end: { line, character: 5 + text.length } }, ...extra };
}

/** Sources that answer from tables and count what they were asked. */
function fakeSources(outcomes: Record<string, LookupOutcome>): FactSources & { asked: { findings: number; repository: number; signing: number } } {
  const asked = { findings: 0, repository: 0, signing: 0 };
  return {
    asked,
    classify: (r) => classifyReference(r, () => false),
    lookup: async (requests) => requests.map((r) => outcomes[r.image]),
    findings: async (): Promise<FindingsOutcome> => {
      asked.findings++;
      return { kind: 'scan', status: 'COMPLETE', completedAt: new Date('2026-11-30T00:00:00Z'), findings: [{ id: 'CVE-1', severity: 'HIGH' }] };
    },
    immutableTags: async () => {
      asked.repository++;
      return true;
    },
    signing: async () => {
      asked.signing++;
      return { signatures: ['Signature (Notation)'] };
    },
  };
}

describe('gate facts', () => {
  const found: LookupOutcome = {
    kind: 'found',
    registry,
    repository: 'web',
    image: { imageDigest: DIGEST, imagePushedAt: new Date('2026-11-01T00:00:00Z'), imageScanStatus: { status: 'COMPLETE' } },
    target: { registryId: 'src-1', repository: 'web', digest: DIGEST, tag: '1.0' },
  };

  it('describes found images, asking for findings and tag mutability only when the rules need them', async () => {
    const sources = fakeSources({ [`${HOST}/web:1.0`]: found });
    const [lean] = await gatherFacts([reference(`${HOST}/web:1.0`, 0)], sources, { findings: false, repository: false });
    assert.deepEqual(sources.asked, { findings: 0, repository: 0, signing: 0 });
    assert.ok(lean.state.kind === 'found' && lean.state.findings === undefined && lean.state.immutableTags === undefined);
    assert.equal(lean.accountId, '111111111111');
    const [full] = await gatherFacts([reference(`${HOST}/web:1.0`, 0)], sources, { findings: true, repository: true, signing: true });
    assert.deepEqual(sources.asked, { findings: 1, repository: 1, signing: 1 });
    assert.ok(full.state.kind === 'found');
    assert.deepEqual(full.state.signing, { signatures: ['Signature (Notation)'] });
    assert.ok(full.state.kind === 'found');
    assert.deepEqual([full.state.name, full.state.digest, full.state.findings?.map((f) => f.id), full.state.immutableTags, full.state.scan?.completedAt?.toISOString()], [
      'web:1.0', DIGEST, ['CVE-1'], true, '2026-11-30T00:00:00.000Z',
    ]);
  });

  it('says why an ECR image is unavailable, keeps other registries\' images for the rules on what is written, skips the rest', async () => {
    const sources = fakeSources({
      [`${HOST}/gone:1`]: { kind: 'imageNotFound', registry, repository: 'gone', wanted: '1' },
      [`${HOST}/none:1`]: { kind: 'repositoryNotFound', registry, repository: 'none' },
    });
    const facts = await gatherFacts([
      reference(`${HOST}/gone:1`, 0),
      reference(`${HOST}/none:1`, 1),
      reference('nginx:1.27', 2),
      reference(`${HOST}/web:1.0`, 3, { ignored: true }),
      reference(`${HOST}/web:\${TAG}`, 4, { unresolved: 'uses variable ${TAG} with no default' }),
    ], sources, { findings: true, repository: true });
    assert.deepEqual(facts.map((f) => [f.range.start.line, f.state.kind === 'unavailable' ? f.state.reason : f.state.kind]), [
      [0, '"1" not found in repository "gone"'],
      [1, 'repository "none" does not exist in registry 111111111111 (us-east-1)'],
      [2, 'notLookedUp'],
    ]);
    assert.equal(facts[2].ref?.path, 'nginx');
  });
});
