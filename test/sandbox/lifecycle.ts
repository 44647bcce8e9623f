// ECR lifecycle policies: parsing with ECR's validation, and evaluation as ECR documents it:
// - rules apply in ascending rulePriority; an image is expired by at most one rule;
// - an image matched by the tag selection of a higher-priority rule cannot be expired by a lower one,
//   but lower rules still count it (they "identify" it);
// - tagPrefixList / tagPatternList match when EVERY entry matches at least one of the image's tags;
// - imageCountMoreThan keeps the newest countNumber images; sinceImagePushed expires images older
//   than countNumber days; sinceImagePulled those not pulled for countNumber days (push time for
//   images never pulled); sinceImageTransitioned archived images archived that long ago;
// - a rule selects images of one storage class (standard unless it says archive); `transition`
//   moves them to the archive instead of expiring them.

export type TagStatus = 'tagged' | 'untagged' | 'any';

export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: {
    readonly tagStatus: TagStatus;
    readonly tagPrefixList?: readonly string[];
    readonly tagPatternList?: readonly string[];
    readonly storageClass: 'standard' | 'archive';
    readonly countType: CountType;
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' } | { readonly type: 'transition'; readonly targetStorageClass: 'archive' };
}

type CountType = 'imageCountMoreThan' | 'sinceImagePushed' | 'sinceImagePulled' | 'sinceImageTransitioned';
const COUNT_TYPES: readonly string[] = ['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'];

export interface LifecycleImage {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly pushedAt: Date;
  readonly lastPulledAt?: Date;
  readonly archived?: boolean;
  readonly archivedAt?: Date;
}

export interface Expiry {
  readonly digest: string;
  readonly appliedRulePriority: number;
  readonly action: 'expire' | 'transition';
}

/** Parses and validates policy text; throws Error with a message in ECR's words. */
export function parseLifecyclePolicy(text: string): LifecycleRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('Lifecycle policy is not valid JSON');
  }
  const rules = (parsed as { rules?: unknown })?.rules;
  if (!Array.isArray(rules) || rules.length === 0) throw new Error("Lifecycle policy must contain a non-empty 'rules' array");
  const result = rules.map(parseRule);
  const priorities = new Set<number>();
  for (const rule of result) {
    if (priorities.has(rule.rulePriority)) throw new Error(`rulePriority ${rule.rulePriority} is used by more than one rule`);
    priorities.add(rule.rulePriority);
  }
  const highest = Math.max(...priorities);
  for (const rule of result) {
    if (rule.selection.tagStatus === 'any' && rule.rulePriority !== highest) {
      throw new Error("A rule with tagStatus 'any' must have the highest rulePriority");
    }
  }
  if (result.filter((rule) => rule.selection.tagStatus === 'untagged').length > 1) throw new Error('Only one rule can select untagged images');
  return result.sort((a, b) => a.rulePriority - b.rulePriority);
}

function parseRule(raw: unknown, index: number): LifecycleRule {
  const where = `rules[${index}]`;
  if (typeof raw !== 'object' || raw === null) throw new Error(`${where} must be an object`);
  const rule = raw as Record<string, unknown>;
  const selection = (rule.selection ?? {}) as Record<string, unknown>;
  const action = (rule.action ?? {}) as Record<string, unknown>;
  if (!Number.isInteger(rule.rulePriority) || (rule.rulePriority as number) < 1) throw new Error(`${where}.rulePriority must be an integer >= 1`);
  const tagStatus = selection.tagStatus;
  if (tagStatus !== 'tagged' && tagStatus !== 'untagged' && tagStatus !== 'any') throw new Error(`${where}.selection.tagStatus must be tagged, untagged or any`);
  const prefixes = stringList(selection.tagPrefixList, `${where}.selection.tagPrefixList`);
  const patterns = stringList(selection.tagPatternList, `${where}.selection.tagPatternList`);
  if (tagStatus === 'tagged' && !prefixes && !patterns) throw new Error(`${where}: tagStatus tagged requires tagPrefixList or tagPatternList`);
  if (prefixes && patterns) throw new Error(`${where}: tagPrefixList and tagPatternList cannot both be set`);
  if (tagStatus !== 'tagged' && (prefixes || patterns)) throw new Error(`${where}: tagPrefixList/tagPatternList require tagStatus tagged`);
  for (const pattern of patterns ?? []) {
    if ((pattern.match(/\*/g) ?? []).length > 4) throw new Error(`${where}: a tag pattern can contain at most 4 wildcards`);
  }
  const countType = selection.countType;
  if (typeof countType !== 'string' || !COUNT_TYPES.includes(countType)) {
    throw new Error(`${where}.selection.countType must be imageCountMoreThan, sinceImagePushed, sinceImagePulled or sinceImageTransitioned`);
  }
  if (countType !== 'imageCountMoreThan' && selection.countUnit !== 'days') throw new Error(`${where}.selection.countUnit must be days for ${countType}`);
  if (countType === 'imageCountMoreThan' && selection.countUnit !== undefined) throw new Error(`${where}.selection.countUnit is not allowed with imageCountMoreThan`);
  if (!Number.isInteger(selection.countNumber) || (selection.countNumber as number) < 1) throw new Error(`${where}.selection.countNumber must be an integer >= 1`);
  const storageClass = selection.storageClass ?? 'standard';
  if (storageClass !== 'standard' && storageClass !== 'archive') throw new Error(`${where}.selection.storageClass must be standard or archive`);
  if (countType === 'sinceImageTransitioned' && storageClass !== 'archive') throw new Error(`${where}.selection.storageClass must be archive for sinceImageTransitioned`);
  if (countType !== 'sinceImageTransitioned' && storageClass !== 'standard') throw new Error(`${where}.selection.storageClass must be standard for ${countType}`);
  if (action.type !== 'expire' && action.type !== 'transition') throw new Error(`${where}.action.type must be expire or transition`);
  if (action.type === 'transition' && action.targetStorageClass !== 'archive') throw new Error(`${where}.action.targetStorageClass must be archive for transition`);
  if (action.type === 'expire' && action.targetStorageClass !== undefined) throw new Error(`${where}.action.targetStorageClass is only allowed with transition`);
  if (action.type === 'transition' && storageClass === 'archive') throw new Error(`${where}: archived images cannot be transitioned again`);
  return {
    rulePriority: rule.rulePriority as number,
    description: typeof rule.description === 'string' ? rule.description : undefined,
    selection: {
      tagStatus,
      tagPrefixList: prefixes,
      tagPatternList: patterns,
      storageClass,
      countType: countType as CountType,
      countUnit: countType === 'imageCountMoreThan' ? undefined : 'days',
      countNumber: selection.countNumber as number,
    },
    action: action.type === 'transition' ? { type: 'transition', targetStorageClass: 'archive' } : { type: 'expire' },
  };
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new Error(`${where} must be a non-empty list of non-empty strings`);
  }
  return value as string[];
}

/** `*` matches any run of characters; everything else literally. */
export function tagPatternMatches(pattern: string, tag: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(tag);
}

export function ruleSelects(rule: LifecycleRule, image: LifecycleImage): boolean {
  const { tagStatus, tagPrefixList, tagPatternList } = rule.selection;
  if (tagStatus === 'any') return true;
  if (tagStatus === 'untagged') return image.tags.length === 0;
  if (image.tags.length === 0) return false;
  if (tagPrefixList) return tagPrefixList.every((prefix) => image.tags.some((tag) => tag.startsWith(prefix)));
  return (tagPatternList ?? []).every((pattern) => image.tags.some((tag) => tagPatternMatches(pattern, tag)));
}

/** The moment a time-based rule counts from, for this image. */
function since(rule: LifecycleRule, image: LifecycleImage): Date | undefined {
  switch (rule.selection.countType) {
    case 'sinceImagePulled':
      return image.lastPulledAt ?? image.pushedAt;
    case 'sinceImageTransitioned':
      return image.archivedAt;
    default:
      return image.pushedAt;
  }
}

export function evaluateLifecycle(rules: readonly LifecycleRule[], images: readonly LifecycleImage[], now = new Date()): Expiry[] {
  const claimed = new Set<string>(); // matched by a higher-priority rule's tag selection
  const acted = new Map<string, Expiry>();
  for (const rule of [...rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
    const archive = rule.selection.storageClass === 'archive';
    const selected = images
      .filter((image) => (image.archived === true) === archive && ruleSelects(rule, image))
      .sort((a, b) => b.pushedAt.getTime() - a.pushedAt.getTime() || (a.digest < b.digest ? -1 : 1));
    const { countType, countNumber } = rule.selection;
    const candidates = countType === 'imageCountMoreThan'
      ? selected.slice(countNumber)
      : selected.filter((image) => {
          const from = since(rule, image);
          return from !== undefined && now.getTime() - from.getTime() > countNumber * 86_400_000;
        });
    for (const image of candidates) {
      if (!claimed.has(image.digest) && !acted.has(image.digest)) {
        acted.set(image.digest, { digest: image.digest, appliedRulePriority: rule.rulePriority, action: rule.action.type });
      }
    }
    for (const image of selected) claimed.add(image.digest);
  }
  return [...acted.values()];
}
