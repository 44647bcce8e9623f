import * as assert from 'node:assert/strict';
import { parsePolicy, type ParsedPolicy, type Policy } from '../../../../src/core/policy';

function ok(parsed: ParsedPolicy): Policy {
  assert.ok(parsed.ok, `expected a valid policy, got ${JSON.stringify(parsed.problems)}`);
  return parsed.policy;
}

describe('policy parsing', () => {
  it('reads every rule kind with its files and the line of its key', () => {
    const policy = ok(parsePolicy([
      'version: 1',
      'rules:',
      '  - files: ["deploy/prod/**"]',
      '    pinnedByDigest: true',
      '  - maxSeverity: high',
      '    fixAvailableOnly: true',
      '  - scan: { maxAgeDays: 7 }',
      '  - maxImageAgeDays: 90',
      '    files: "**/*.yaml"',
      '  - allowed: { registries: ["*.dkr.ecr.us-east-1.amazonaws.com"], accounts: ["111111111111"], repositories: ["team/*"] }',
      '  - immutableTags: true',
    ].join('\n')));
    assert.deepEqual(policy.rules.map((r) => [r.kind, r.files, r.range.start.line]), [
      ['pinnedByDigest', ['deploy/prod/**'], 3],
      ['maxSeverity', ['**'], 4],
      ['scan', ['**'], 6],
      ['maxImageAgeDays', ['**/*.yaml'], 7],
      ['allowed', ['**'], 9],
      ['immutableTags', ['**'], 10],
    ]);
    const severity = policy.rules[1];
    assert.ok(severity.kind === 'maxSeverity' && severity.severity === 'HIGH' && severity.fixAvailableOnly);
    const scan = policy.rules[2];
    assert.ok(scan.kind === 'scan' && scan.maxAgeDays === 7);
    const allowed = policy.rules[4];
    assert.ok(allowed.kind === 'allowed');
    assert.deepEqual([allowed.registries, allowed.accounts, allowed.repositories], [['*.dkr.ecr.us-east-1.amazonaws.com'], ['111111111111'], ['team/*']]);
  });

  it('reads suppressions, their range being the expiry', () => {
    const policy = ok(parsePolicy('suppressions:\n  - cve: CVE-2023-0001\n    repository: web\n    reason: not reachable\n    expires: 2027-01-31\n'));
    assert.deepEqual(policy.suppressions.map((s) => [s.cve, s.repository, s.reason, s.expires, s.range.start.line]), [['CVE-2023-0001', 'web', 'not reachable', '2027-01-31', 4]]);
  });

  it('refuses broken YAML with the line of the error, and uses none of it', () => {
    const parsed = parsePolicy('rules:\n  - pinnedByDigest: true\n  - maxSeverity: [HIGH\n');
    assert.equal(parsed.ok, false);
    assert.match(parsed.problems[0].message, /^The policy is not valid YAML: /);
    assert.ok(parsed.problems[0].range.start.line >= 2, JSON.stringify(parsed.problems[0].range));
  });

  it('reports schema problems at their lines: unknown keys, two rule keys, bad values, missing fields', () => {
    const parsed = parsePolicy([
      'rules:',
      '  - pinnedByDigset: true',
      '  - pinnedByDigest: true',
      '    immutableTags: true',
      '  - maxSeverity: SEVERE',
      '  - allowed: { accounts: ["12"] }',
      '  - scan: { maxAgeDays: -1 }',
      'suppressions:',
      '  - cve: CVE-1',
      '    expires: 31.01.2027',
      '    reason: x',
      '  - cve: CVE-2',
    ].join('\n'));
    assert.equal(parsed.ok, false);
    const lines = parsed.problems.map((p) => [p.range.start.line, p.message]);
    assert.deepEqual(lines.map(([line]) => line), [1, 1, 2, 4, 5, 6, 9, 11]);
    assert.match(parsed.problems[0].message, /Unknown key "pinnedByDigset" here; expected one of: files, pinnedByDigest/);
    assert.match(parsed.problems[2].message, /exactly one rule key; this one has pinnedByDigest, immutableTags/);
    assert.match(parsed.problems[3].message, /maxSeverity must be one of: CRITICAL/);
    assert.match(parsed.problems[4].message, /"12" is not an AWS account id/);
    assert.match(parsed.problems[5].message, /maxAgeDays must be a number of days/);
    assert.match(parsed.problems[6].message, /expires must be a date written YYYY-MM-DD/);
    assert.match(parsed.problems[7].message, /A suppression needs reason, expires/);
  });

  it('takes an empty file as a policy without rules', () => {
    assert.deepEqual(ok(parsePolicy('')), { rules: [], suppressions: [] });
    assert.deepEqual(ok(parsePolicy('# nothing yet\n')), { rules: [], suppressions: [] });
  });
});
