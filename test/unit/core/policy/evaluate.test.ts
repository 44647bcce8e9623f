import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/findings';
import { parseImageRef } from '../../../../src/core/imageRef';
import { evaluateFile, expiredSuppressions, factsNeeded, globMatches, parsePolicy, type ImageState, type Policy, type ReferenceFacts } from '../../../../src/core/policy';

const NOW = new Date('2026-12-01T12:00:00Z');
const DIGEST = `sha256:${'a'.repeat(64)}`;
const HOST = '111111111111.dkr.ecr.us-east-1.amazonaws.com';
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

function policy(yaml: string): Policy {
  const parsed = parsePolicy(yaml);
  assert.ok(parsed.ok, JSON.stringify(parsed.problems));
  return parsed.policy;
}

function reference(text: string, state: ImageState, line = 0): ReferenceFacts {
  const parsed = parseImageRef(text);
  assert.ok(parsed.ok);
  return { text, ref: parsed.ref, accountId: '111111111111', range: { start: { line, character: 5 }, end: { line, character: 5 + text.length } }, state };
}

function found(overrides: Partial<Extract<ImageState, { kind: 'found' }>> = {}): ImageState {
  return { kind: 'found', repository: 'web', name: 'web:1.0', digest: DIGEST, pushedAt: daysAgo(3), scan: { status: 'COMPLETE', completedAt: daysAgo(1) }, findings: [], immutableTags: true, ...overrides };
}

const finding = (id: string, severity: Finding['severity'], fixedIn?: string): Finding => ({ id, severity, ...(fixedIn && { fixedIn }) });

function messages(p: Policy, refs: ReferenceFacts[], path = 'deploy/app.yaml'): string[] {
  return evaluateFile(p, path, refs, NOW).violations.map((v) => `${v.rule.kind}: ${v.message}`);
}

describe('policy evaluation', () => {
  it('matches globs with ** across folders, * within a name and {a,b}', () => {
    assert.ok(globMatches('**', 'a/b/c.yaml'));
    assert.ok(globMatches('deploy/**', 'deploy/prod/k8s.yaml'));
    assert.ok(globMatches('**/Dockerfile', 'Dockerfile'));
    assert.ok(globMatches('**/*.{yml,yaml}', 'x/y.yml'));
    assert.ok(!globMatches('deploy/*.yaml', 'deploy/prod/k8s.yaml'));
    assert.ok(!globMatches('team/*', 'other/web'));
  });

  it('applies a rule only to the files its globs name', () => {
    const p = policy('rules:\n  - files: ["deploy/prod/**"]\n    pinnedByDigest: true\n');
    const refs = [reference(`${HOST}/web:1.0`, found())];
    assert.deepEqual(messages(p, refs, 'deploy/dev/app.yaml'), []);
    assert.deepEqual(messages(p, refs, 'deploy/prod/app.yaml'), [`pinnedByDigest: ${HOST}/web:1.0 is not pinned by digest (policy rule pinnedByDigest)`]);
  });

  it('pinnedByDigest: passes a digest reference, offers the digest to pin to when the image was found', () => {
    const p = policy('rules:\n  - pinnedByDigest: true\n');
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0@${DIGEST}`, found())]), []);
    const [violation] = evaluateFile(p, 'x', [reference(`${HOST}/web:1.0`, found())], NOW).violations;
    assert.equal(violation.pinDigest, DIGEST);
    const [notEcr] = evaluateFile(p, 'x', [reference('nginx:1.27', { kind: 'notLookedUp' })], NOW).violations;
    assert.equal(notEcr.pinDigest, undefined, 'a Docker Hub image is flagged but cannot be pinned by us');
  });

  it('maxSeverity: counts findings at or above, optionally only those with a fix', () => {
    const refs = [reference(`${HOST}/web:1.0`, found({ findings: [finding('CVE-1', 'CRITICAL'), finding('CVE-2', 'HIGH', '1.2'), finding('CVE-3', 'MEDIUM', '2')] }))];
    assert.deepEqual(messages(policy('rules:\n  - maxSeverity: HIGH\n'), refs), ['maxSeverity: 2 findings at HIGH or above in web:1.0 (C1 H1) (policy rule maxSeverity)']);
    assert.deepEqual(messages(policy('rules:\n  - maxSeverity: HIGH\n    fixAvailableOnly: true\n'), refs), [
      'maxSeverity: 1 finding at HIGH or above with a fix available in web:1.0 (H1) (policy rule maxSeverity)',
    ]);
    assert.deepEqual(messages(policy('rules:\n  - maxSeverity: CRITICAL\n'), [reference(`${HOST}/web:1.0`, found({ findings: [finding('CVE-2', 'HIGH')] }))]), []);
    assert.deepEqual(messages(policy('rules:\n  - maxSeverity: HIGH\n'), [reference(`${HOST}/web:1.0`, found({ scan: undefined }))]), [
      'maxSeverity: web:1.0 has no completed scan to check findings against (policy rule maxSeverity)',
    ]);
  });

  it('suppressions: a matching, unexpired suppression takes a finding out and is counted', () => {
    const refs = [reference(`${HOST}/web:1.0`, found({ findings: [finding('CVE-1', 'CRITICAL'), finding('CVE-2', 'HIGH')] }))];
    const base = 'rules:\n  - maxSeverity: HIGH\nsuppressions:\n';
    const one = policy(`${base}  - { cve: cve-1, repository: "w*", reason: r, expires: 2026-12-01 }\n`);
    const evaluation = evaluateFile(one, 'x', refs, NOW);
    assert.deepEqual(evaluation.violations.map((v) => v.message), ['1 finding at HIGH or above in web:1.0 (H1); 1 suppressed (policy rule maxSeverity)']);
    assert.deepEqual(evaluation.suppressed.map((s) => s.findings.map((f) => f.id)), [['CVE-1']]);
    const both = policy(`${base}  - { cve: CVE-1, reason: r, expires: 2027-01-01 }\n  - { cve: CVE-2, image: "*/web:*", reason: r, expires: 2027-01-01 }\n`);
    assert.deepEqual(messages(both, refs), [], 'all suppressed: no violation');
    const expired = policy(`${base}  - { cve: CVE-1, reason: r, expires: 2026-11-30 }\n`);
    assert.match(messages(expired, refs)[0], /^maxSeverity: 2 findings/);
    assert.deepEqual(expiredSuppressions(expired, NOW).map((p) => [p.severity, p.range.start.line, p.message]), [['warning', 3, 'The suppression of CVE-1 expired on 2026-11-30; it no longer applies.']]);
    const otherRepo = policy(`${base}  - { cve: CVE-1, repository: api, reason: r, expires: 2027-01-01 }\n`);
    assert.match(messages(otherRepo, refs)[0], /^maxSeverity: 2 findings/);
  });

  it('scan: must be complete, and not older than maxAgeDays', () => {
    const p = policy('rules:\n  - scan: { maxAgeDays: 7 }\n');
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found())]), []);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ scan: { status: 'COMPLETE', completedAt: daysAgo(10) } }))]), [
      'scan: the scan of web:1.0 is 10 days old, more than 7 (policy rule scan)',
    ]);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ scan: undefined }))]), ['scan: web:1.0 has not been scanned (policy rule scan)']);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ scan: { status: 'IN_PROGRESS' } }))]), ['scan: the scan of web:1.0 is not complete (IN_PROGRESS) (policy rule scan)']);
  });

  it('maxImageAgeDays and immutableTags', () => {
    const p = policy('rules:\n  - maxImageAgeDays: 30\n  - immutableTags: true\n');
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found())]), []);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ pushedAt: daysAgo(31), immutableTags: false }))]), [
      'maxImageAgeDays: web:1.0 was pushed 31 days ago, more than 30 (policy rule maxImageAgeDays)',
      'immutableTags: repository web has mutable tags (policy rule immutableTags)',
    ]);
    assert.deepEqual(factsNeeded(p, 'x'), { findings: false, repository: true, signing: false });
  });

  it('signed: a signature referrer or completed managed signing passes; otherwise says why', () => {
    const p = policy('rules:\n  - signed: true\n');
    assert.deepEqual(factsNeeded(p, 'x'), { findings: false, repository: false, signing: true });
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ signing: { signatures: ['Signature (Notation)'] } }))]), []);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ signing: { signatures: [], statuses: [{ status: 'COMPLETE' }] } }))]), []);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ signing: { signatures: [] } }))]), ['signed: web:1.0 is not signed (policy rule signed)']);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ signing: { signatures: [], statuses: [{ status: 'IN_PROGRESS' }] } }))]), [
      'signed: web:1.0 is not signed; managed signing IN_PROGRESS (policy rule signed)',
    ]);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1.0`, found({ signing: { signaturesProblem: 'the registry does not list referrers' } }))]), [
      'signed: web:1.0 is not signed (the registry does not list referrers) (policy rule signed)',
    ]);
    assert.deepEqual(messages(p, [reference('nginx:1.27', { kind: 'notLookedUp' })]), [], 'only ECR images can be checked for signatures');
    assert.equal(parsePolicy('rules:\n  - signed: false\n').ok, false, 'signed: false is refused (leave the rule out)');
  });

  it('allowed: registries, accounts and repositories, Docker Hub included', () => {
    const p = policy('rules:\n  - allowed: { registries: ["*.dkr.ecr.us-east-1.amazonaws.com"], repositories: ["team/**"] }\n');
    assert.deepEqual(messages(p, [reference(`${HOST}/team/web:1`, found())]), []);
    assert.deepEqual(messages(p, [reference('nginx:1', { kind: 'notLookedUp' })]), ['allowed: registry docker.io is not allowed (policy rule allowed)']);
    assert.deepEqual(messages(p, [reference(`${HOST}/web:1`, found())]), ['allowed: repository web is not allowed (policy rule allowed)']);
    const accounts = policy('rules:\n  - allowed: { accounts: ["222222222222"] }\n');
    assert.deepEqual(messages(accounts, [reference(`${HOST}/web:1`, found())]), ['allowed: account 111111111111 is not allowed (policy rule allowed)']);
  });

  it('an image that cannot be looked up fails the rules that need it, not the others', () => {
    const p = policy('rules:\n  - maxImageAgeDays: 30\n  - allowed: { accounts: ["111111111111"] }\n');
    assert.deepEqual(messages(p, [reference(`${HOST}/web:9`, { kind: 'unavailable', reason: 'tag "9" not found' })]), [
      `maxImageAgeDays: ${HOST}/web:9 cannot be checked: tag "9" not found (policy rule maxImageAgeDays)`,
    ]);
  });
});
