// Cleanup rules added to a lifecycle policy draft, in ECR's lifecycle policy shapes, at a priority
// that keeps the policy valid (a rule for "any" image must have the highest priority).

export type CleanupRule =
  | { readonly kind: 'expireUntagged'; readonly days: number }
  | { readonly kind: 'keepLast'; readonly prefix: string; readonly count: number }
  | { readonly kind: 'notPulled'; readonly days: number; readonly action: 'expire' | 'archive' };

interface PolicyRule {
  rulePriority: number;
  description?: string;
  selection: Record<string, unknown>;
  action: Record<string, unknown>;
}

export function describeRule(rule: CleanupRule): string {
  switch (rule.kind) {
    case 'expireUntagged':
      return `Expire untagged images after ${rule.days} day${rule.days === 1 ? '' : 's'}`;
    case 'keepLast':
      return `Keep the last ${rule.count} image${rule.count === 1 ? '' : 's'} tagged ${rule.prefix}*`;
    case 'notPulled':
      return `${rule.action === 'archive' ? 'Archive' : 'Expire'} images not pulled for ${rule.days} day${rule.days === 1 ? '' : 's'}`;
  }
}

function ruleBody(rule: CleanupRule): Omit<PolicyRule, 'rulePriority'> {
  const description = describeRule(rule);
  switch (rule.kind) {
    case 'expireUntagged':
      return { description, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: rule.days }, action: { type: 'expire' } };
    case 'keepLast':
      return { description, selection: { tagStatus: 'tagged', tagPrefixList: [rule.prefix], countType: 'imageCountMoreThan', countNumber: rule.count }, action: { type: 'expire' } };
    case 'notPulled':
      return {
        description,
        selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: rule.days },
        action: rule.action === 'archive' ? { type: 'transition', targetStorageClass: 'archive' } : { type: 'expire' },
      };
  }
}

/** A whole number 1..maxValue, else the reason it is not (for input boxes). */
export function checkCount(text: string, what: string, max = 10_000): string | undefined {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 1 && value <= max ? undefined : `Enter ${what}: a whole number from 1 to ${max}.`;
}

/** ECR's tag rules (no whitespace, at most 300 characters). */
export function checkTagPrefix(text: string): string | undefined {
  const prefix = text.trim();
  if (prefix.length === 0) return 'Enter a tag prefix, e.g. "release-".';
  if (prefix.length > 300 || /\s/.test(prefix)) return 'A tag prefix has no spaces and at most 300 characters.';
  return undefined;
}

/**
 * The policy text with `rule` added (pretty JSON). `current` is the draft's text, or undefined for
 * a repository without a policy. Throws with the reason when the rule cannot be added.
 */
export function addCleanupRule(current: string | undefined, rule: CleanupRule): string {
  let policy: { rules?: unknown };
  try {
    policy = current === undefined || current.trim() === '' ? { rules: [] } : (JSON.parse(current) as { rules?: unknown });
  } catch {
    throw new Error('The lifecycle policy draft is not valid JSON: fix it first, then add the rule.');
  }
  if (typeof policy !== 'object' || policy === null || (policy.rules !== undefined && !Array.isArray(policy.rules))) {
    throw new Error('The lifecycle policy draft has no "rules" list.');
  }
  const rules = (policy.rules ?? []) as PolicyRule[];
  const body = ruleBody(rule);
  const tagStatus = body.selection.tagStatus;
  const anyRule = rules.find((r) => r?.selection?.tagStatus === 'any');
  if (tagStatus === 'any' && anyRule) {
    throw new Error(`The policy already has a rule for any image (priority ${anyRule.rulePriority}); ECR allows one. Edit that rule instead.`);
  }
  if (tagStatus === 'untagged' && rules.some((r) => r?.selection?.tagStatus === 'untagged')) {
    throw new Error('The policy already has a rule for untagged images; ECR allows one. Edit that rule instead.');
  }
  const highest = rules.reduce((max, r) => (Number.isInteger(r?.rulePriority) ? Math.max(max, r.rulePriority) : max), 0);
  let priority = highest + 1;
  if (anyRule) {
    // The "any" rule must stay last: the new rule takes its place and it moves up by one.
    priority = anyRule.rulePriority;
    anyRule.rulePriority = highest + 1;
  }
  const added: PolicyRule = { rulePriority: priority, ...body };
  const next = { ...policy, rules: [...rules, added].sort((a, b) => a.rulePriority - b.rulePriority) };
  return `${JSON.stringify(next, null, 2)}\n`;
}
