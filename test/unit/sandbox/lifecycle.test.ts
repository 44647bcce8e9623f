// Lifecycle policies: the pure evaluator rule by rule, and the API's policy + preview operations.
import * as assert from 'node:assert/strict';
import {
  DeleteLifecyclePolicyCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  PutLifecyclePolicyCommand,
  StartLifecyclePolicyPreviewCommand,
  type GetLifecyclePolicyPreviewCommandOutput,
} from '@aws-sdk/client-ecr';
import { evaluateLifecycle, parseLifecyclePolicy, tagPatternMatches, type LifecycleImage } from '../../sandbox/lifecycle';
import { ecrClient, rejectsWith, useSandbox } from './helpers';

const day = 86_400_000;
const now = new Date('2024-06-01T00:00:00Z');
const image = (digest: string, tags: string[], daysAgo: number): LifecycleImage => ({ digest, tags, pushedAt: new Date(now.getTime() - daysAgo * day) });
const rule = (rulePriority: number, selection: object): object => ({ rulePriority, selection, action: { type: 'expire' } });
const policy = (...rules: object[]): string => JSON.stringify({ rules });

describe('lifecycle policy evaluation (pure)', () => {
  it('matches tag patterns with * wildcards, anchored at both ends', () => {
    assert.ok(tagPatternMatches('prod*', 'prod-1'));
    assert.ok(tagPatternMatches('*-rc*', 'v1-rc2'));
    assert.ok(!tagPatternMatches('prod*', 'preprod-1'));
    assert.ok(tagPatternMatches('v1.0', 'v1.0'));
    assert.ok(!tagPatternMatches('v1.0', 'v1x0')); // '.' is literal
  });

  it('imageCountMoreThan keeps the newest N of the selected images', () => {
    const rules = parseLifecyclePolicy(policy(rule(1, { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 2 })));
    const result = evaluateLifecycle(rules, [image('a', ['v1'], 3), image('b', ['v2'], 2), image('c', ['v3'], 1), image('d', ['x'], 9)], now);
    assert.deepEqual(result, [{ digest: 'a', appliedRulePriority: 1, action: 'expire' }]);
  });

  it('sinceImagePushed expires images older than N days', () => {
    const rules = parseLifecyclePolicy(policy(rule(1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 })));
    const result = evaluateLifecycle(rules, [image('old', [], 8), image('new', [], 6), image('tagged', ['t'], 30)], now);
    assert.deepEqual(result, [{ digest: 'old', appliedRulePriority: 1, action: 'expire' }]);
  });

  it('tagPrefixList needs every prefix to match some tag', () => {
    const rules = parseLifecyclePolicy(policy(rule(1, { tagStatus: 'tagged', tagPrefixList: ['alpha', 'beta'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 })));
    const result = evaluateLifecycle(rules, [image('both', ['alpha1', 'beta1'], 5), image('one', ['alpha2'], 5)], now);
    assert.deepEqual(result.map((r) => r.digest), ['both']);
  });

  it('a lower-priority rule cannot expire images a higher rule selected, but still counts them', () => {
    const rules = parseLifecyclePolicy(policy(
      rule(1, { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 5 }),
      rule(2, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }),
    ));
    const result = evaluateLifecycle(rules, [image('p-new', ['prod1'], 1), image('dev', ['dev'], 2), image('p-old', ['prod2'], 3)], now);
    // rule 2 keeps the single newest image (p-new); of the rest only dev is expirable by it.
    assert.deepEqual(result, [{ digest: 'dev', appliedRulePriority: 2, action: 'expire' }]);
  });

  it('sinceImagePulled counts from the last pull, or from the push for images never pulled', () => {
    const rules = parseLifecyclePolicy(policy({
      rulePriority: 1,
      selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 30 },
      action: { type: 'transition', targetStorageClass: 'archive' },
    }));
    const pulled = (digest: string, pushedDaysAgo: number, pulledDaysAgo?: number): LifecycleImage => ({
      ...image(digest, ['t'], pushedDaysAgo),
      lastPulledAt: pulledDaysAgo === undefined ? undefined : new Date(now.getTime() - pulledDaysAgo * day),
    });
    const result = evaluateLifecycle(rules, [pulled('recent', 90, 2), pulled('stale', 90, 40), pulled('never', 45), pulled('young', 10)], now);
    assert.deepEqual(result.sort((a, b) => a.digest.localeCompare(b.digest)), [
      { digest: 'never', appliedRulePriority: 1, action: 'transition' },
      { digest: 'stale', appliedRulePriority: 1, action: 'transition' },
    ]);
    // An archived image is selected only by a rule on the archive storage class.
    assert.deepEqual(evaluateLifecycle(rules, [{ ...pulled('stale', 90, 40), archived: true }], now), []);
  });

  it('rejects invalid policies with a reason', () => {
    const bad: [string, RegExp][] = [
      ['{', /not valid JSON/],
      [policy(), /non-empty 'rules'/],
      [policy(rule(1, { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 })), /requires tagPrefixList or tagPatternList/],
      [policy(rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }), rule(2, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 })), /highest rulePriority/],
      [policy(rule(1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 1 })), /countUnit must be days/],
      [policy(rule(1, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 0 })), /countNumber/],
      [policy({ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 1 }, action: { type: 'transition' } }), /targetStorageClass must be archive/],
      [policy(rule(1, { tagStatus: 'any', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 1 })), /storageClass must be archive/],
      [policy(rule(1, { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 1 })), /storageClass must be standard/],
      [policy(rule(1, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }), rule(1, { tagStatus: 'tagged', tagPrefixList: ['x'], countType: 'imageCountMoreThan', countNumber: 1 })), /used by more than one rule/],
    ];
    for (const [text, reason] of bad) assert.throws(() => parseLifecyclePolicy(text), reason, text);
  });
});

describe('sandbox lifecycle policy API', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ecr: ECRClient;
  before(() => {
    ecr = ecrClient(sandbox());
  });

  async function completedPreview(repositoryName: string): Promise<GetLifecyclePolicyPreviewCommandOutput> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const preview = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName }));
      if (preview.status === 'COMPLETE') return preview;
      assert.equal(preview.status, 'IN_PROGRESS');
      if (Date.now() > deadline) assert.fail('preview did not complete');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('previews the seeded policy rule by rule', async () => {
    const started = await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo' }));
    assert.equal(started.status, 'IN_PROGRESS');
    await rejectsWith(ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo' })), 'LifecyclePolicyPreviewInProgressException');
    const preview = await completedPreview('lifecycle-demo');
    const byRule = new Map<number, string[]>();
    for (const result of preview.previewResults ?? []) {
      assert.equal(result.action?.type, 'EXPIRE');
      assert.ok(result.imagePushedAt instanceof Date);
      const label = result.imageTags?.length ? result.imageTags.join(',') : `untagged:${Math.round((Date.now() - (result.imagePushedAt?.getTime() ?? 0)) / day)}d`;
      byRule.set(result.appliedRulePriority ?? 0, [...(byRule.get(result.appliedRulePriority ?? 0) ?? []), label]);
    }
    // rule 1: release-* keep the 2 newest (1.3, 1.2) -> expire 1.1 and 1.0
    assert.deepEqual(byRule.get(1)?.sort(), ['release-1.0', 'release-1.1']);
    // rule 2: dev-*-build older than 7 days
    assert.deepEqual(byRule.get(2)?.sort(), ['dev-a-build', 'dev-x-build']);
    // rule 3: untagged older than 1 day (the 0.5-day-old one stays)
    assert.deepEqual(byRule.get(3), ['untagged:6d']);
    // rule 10: any, keep 8 newest; of the older ones only those no earlier rule selected
    assert.deepEqual(byRule.get(10)?.sort(), ['feature-x', 'feature-y']);
    assert.equal(preview.summary?.expiringImageTotalCount, 7);
  });

  it('filters and pages preview results', async () => {
    const untagged = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo', filter: { tagStatus: 'UNTAGGED' } }));
    assert.equal(untagged.previewResults?.length, 1);
    const first = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo', maxResults: 5 }));
    assert.equal(first.previewResults?.length, 5);
    const second = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo', maxResults: 5, nextToken: first.nextToken }));
    assert.equal(second.previewResults?.length, 2);
    assert.equal(second.nextToken, undefined);
    await rejectsWith(ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'lifecycle-demo', maxResults: 101 })), 'InvalidParameterException');
  });

  it('puts, gets and deletes a policy; previews a policy text given inline', async () => {
    await rejectsWith(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'web' })), 'LifecyclePolicyNotFoundException');
    await rejectsWith(ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'web' })), 'LifecyclePolicyPreviewNotFoundException');
    await rejectsWith(ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'web' })), 'LifecyclePolicyNotFoundException');
    const text = policy({ ...rule(1, { tagStatus: 'tagged', tagPatternList: ['v1.*'], countType: 'imageCountMoreThan', countNumber: 1 }), description: 'keep newest v1.x' });
    const put = await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'web', lifecyclePolicyText: text }));
    assert.equal(put.lifecyclePolicyText, text);
    const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'web' }));
    assert.equal(got.lifecyclePolicyText, text);
    assert.ok(got.lastEvaluatedAt instanceof Date);
    await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'web' }));
    const preview = await completedPreview('web');
    assert.deepEqual(preview.previewResults?.map((r) => r.imageTags).sort(), [['v1.0.0'], ['v1.1.0']]);
    await ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'web' }));
    await rejectsWith(ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'web' })), 'LifecyclePolicyNotFoundException');
    const invalid = policy(rule(1, { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 }), rule(2, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 }));
    await rejectsWith(ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'web', lifecyclePolicyText: invalid })), 'InvalidParameterException', /Lifecycle policy validation failure/);
  });
});
