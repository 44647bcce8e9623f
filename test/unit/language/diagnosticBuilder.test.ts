import * as assert from 'node:assert/strict';
import { buildDiagnostics, DiagnosticSettings, ReferenceOutcome } from '../../../src/language/diagnosticBuilder';
import type { Outcome } from '../../../src/language/outcome';

const range = (line: number) => ({ start: { line, character: 5 }, end: { line, character: 20 } });
const registry = { id: 'src-1', label: 'sandbox-east', accountId: '111111111111', region: 'us-east-1' };
const digest = 'sha256:' + 'c'.repeat(64);
const all: DiagnosticSettings = { minimumSeverity: 'HIGH', enabled: { vulnerabilities: true, notFound: true, notScanned: true, malformed: true, registry: true } };

function found(status: 'COMPLETE' | 'FAILED' | undefined, counts?: Record<string, number>, tag = '1.0'): Outcome {
  return {
    kind: 'found',
    registry,
    repository: 'app',
    image: { imageDigest: digest, imageScanStatus: status ? { status, description: 'why' } : undefined, imageScanFindingsSummary: counts ? { findingSeverityCounts: counts } : undefined },
    target: { registryId: 'src-1', repository: 'app', digest, tag },
  };
}

describe('diagnostics builder', () => {
  it('warns with counts at or above the minimum severity and links to the findings', () => {
    const [d] = buildDiagnostics([{ range: range(1), outcome: found('COMPLETE', { CRITICAL: 1, HIGH: 2, MEDIUM: 4 }) }], all);
    assert.equal(d.severity, 'warning');
    assert.equal(d.message, '3 vulnerabilities at HIGH or above in app:1.0 (C1 H2)');
    assert.deepEqual(d.range, range(1));
    assert.ok(typeof d.code === 'object' && d.code.value === 'vulnerabilities' && d.code.target.startsWith('command:ecr.showImageFindings?'));
    const medium = buildDiagnostics([{ range: range(1), outcome: found('COMPLETE', { CRITICAL: 1, HIGH: 2, MEDIUM: 4 }) }], { ...all, minimumSeverity: 'MEDIUM' });
    assert.equal(medium[0].message, '7 vulnerabilities at MEDIUM or above in app:1.0 (C1 H2 M4)');
    assert.deepEqual(buildDiagnostics([{ range: range(1), outcome: found('COMPLETE', { MEDIUM: 4 }) }], all), [], 'nothing at HIGH');
  });

  it('reports missing repositories and tags as errors, unscanned and failed scans as information', () => {
    const items: ReferenceOutcome[] = [
      { range: range(1), outcome: { kind: 'repositoryNotFound', registry, repository: 'nope' } },
      { range: range(2), outcome: { kind: 'imageNotFound', registry, repository: 'app', wanted: 'v9' } },
      { range: range(3), outcome: found(undefined) },
      { range: range(4), outcome: found('FAILED') },
      { range: range(5), outcome: { kind: 'malformed', reason: 'uppercase letters are not allowed in a repository name' } },
      { range: range(6), outcome: { kind: 'notEcr' } },
      { range: range(7), outcome: { kind: 'unresolved', reason: 'x' } },
    ];
    const out = buildDiagnostics(items, all).map((d) => [d.range.start.line, d.severity, d.message]);
    assert.deepEqual(out, [
      [1, 'error', 'Repository "nope" does not exist in registry 111111111111 (us-east-1).'],
      [2, 'error', 'Tag "v9" not found in repository "app" (registry 111111111111 (us-east-1)).'],
      [3, 'information', 'app:1.0 has not been scanned.'],
      [4, 'information', 'The scan of app:1.0 did not complete (FAILED): why.'],
      [5, 'error', 'Invalid ECR image reference: uppercase letters are not allowed in a repository name.'],
    ]);
  });

  it('reports a failing registry once, on its first reference', () => {
    const problem: Outcome = { kind: 'problem', registry, problem: { kind: 'expiredCredentials', message: 'The AWS credentials of sandbox-east have expired.' } };
    const out = buildDiagnostics([1, 2, 3].map((line) => ({ range: range(line), outcome: problem })), all);
    assert.equal(out.length, 1);
    assert.equal(out[0].range.start.line, 1);
    assert.match(out[0].message, /have expired/);
  });

  it('leaves out disabled kinds', () => {
    const settings = { ...all, enabled: { ...all.enabled, notScanned: false, notFound: false } };
    assert.deepEqual(buildDiagnostics([{ range: range(1), outcome: found(undefined) }, { range: range(2), outcome: { kind: 'imageNotFound', registry, repository: 'a', wanted: 'b' } }], settings), []);
  });

  it('hints at a newer version of the tag only with newerImage on, next to the other diagnostics, even with every kind off', () => {
    const newer = { tag: '1.2', digest: 'sha256:' + 'd'.repeat(64), pushedAt: new Date('2026-12-01T10:00:00Z') };
    const items: ReferenceOutcome[] = [{ range: range(2), outcome: found(undefined), newer }];
    assert.deepEqual(buildDiagnostics(items, all).map((d) => d.code), ['not-scanned'], 'off by default');
    const on = buildDiagnostics(items, { ...all, newerImage: true });
    assert.deepEqual(on.map((d) => [d.severity, d.code]), [['information', 'not-scanned'], ['hint', 'newer-image']]);
    assert.equal(on[1].message, 'A newer version of app:1.0 is in the repository: 1.2 (pushed 2026-12-01T10:00:00Z).');
    assert.deepEqual(on[1].range, range(2));
    const none = { vulnerabilities: false, notFound: false, notScanned: false, malformed: false, registry: false };
    assert.deepEqual(buildDiagnostics(items, { ...all, enabled: none, newerImage: true }).map((d) => d.code), ['newer-image']);
  });
});
