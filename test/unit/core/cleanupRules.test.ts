import * as assert from 'node:assert/strict';
import { addCleanupRule, checkCount, checkTagPrefix } from '../../../src/core/cleanupRules';

const rules = (text: string) => (JSON.parse(text) as { rules: { rulePriority: number; selection: Record<string, unknown>; action: Record<string, unknown> }[] }).rules;

describe('cleanup rules (pure)', () => {
  it('starts a policy with the rule in ECR lifecycle shapes', () => {
    assert.deepEqual(rules(addCleanupRule(undefined, { kind: 'expireUntagged', days: 14 })), [{
      rulePriority: 1,
      description: 'Expire untagged images after 14 days',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' },
    }]);
    const keep = rules(addCleanupRule(undefined, { kind: 'keepLast', prefix: 'release-', count: 5 }))[0];
    assert.deepEqual(keep.selection, { tagStatus: 'tagged', tagPrefixList: ['release-'], countType: 'imageCountMoreThan', countNumber: 5 });
    const archive = rules(addCleanupRule(undefined, { kind: 'notPulled', days: 90, action: 'archive' }))[0];
    assert.deepEqual(archive.selection, { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90 });
    assert.deepEqual(archive.action, { type: 'transition', targetStorageClass: 'archive' });
  });

  it('adds after existing rules, keeping a rule for any image last', () => {
    const current = JSON.stringify({ rules: [
      { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
      { rulePriority: 5, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 100 }, action: { type: 'expire' } },
    ] });
    const next = rules(addCleanupRule(current, { kind: 'keepLast', prefix: 'dev', count: 3 }));
    assert.deepEqual(next.map((r) => [r.rulePriority, r.selection.tagStatus]), [[1, 'untagged'], [5, 'tagged'], [6, 'any']]);
  });

  it('refuses what ECR would refuse, with the reason', () => {
    const withAny = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] });
    assert.throws(() => addCleanupRule(withAny, { kind: 'notPulled', days: 30, action: 'expire' }), /already has a rule for any image/);
    const withUntagged = addCleanupRule(undefined, { kind: 'expireUntagged', days: 1 });
    assert.throws(() => addCleanupRule(withUntagged, { kind: 'expireUntagged', days: 2 }), /already has a rule for untagged/);
    assert.throws(() => addCleanupRule('{', { kind: 'expireUntagged', days: 2 }), /not valid JSON/);
    assert.equal(checkCount('0', 'days'), 'Enter days: a whole number from 1 to 10000.');
    assert.equal(checkCount('30', 'days'), undefined);
    assert.match(checkTagPrefix('a b') ?? '', /no spaces/);
  });
});
