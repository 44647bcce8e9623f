// Registry settings as the user types them: pull-through cache rules, repository creation templates,
// scanning filters and tag-mutability exclusions, checked at the limits ECR enforces before any call,
// and the words the explorer shows for them. No vscode, no SDK import.

export type TagMutabilityMode = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';

export interface WildcardFilterSpec {
  readonly filter: string;
  readonly filterType: 'WILDCARD';
}

/** ECR's limits (API reference). */
export const SETTINGS_LIMITS = { exclusionFilters: 5, exclusionFilterLength: 128, scanningFilters: 100, scanningFilterLength: 255, templateDescription: 256 } as const;

const PREFIX = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\/?$/;
const EXCLUSION_FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;
const SCANNING_FILTER = /^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$/;
const CREDENTIAL_ARN = /^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+$/;
const ROLE_ARN = /^arn:aws(-\w+)*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;

export interface UpstreamKind {
  /** ECR's upstreamRegistry name. */
  readonly name: string;
  readonly label: string;
  /** What ECR needs besides the URL: a Secrets Manager secret, or an IAM role (another ECR registry). */
  readonly needs?: 'credential' | 'role';
}

const UPSTREAMS: readonly (UpstreamKind & { readonly url: RegExp; readonly example: string })[] = [
  { name: 'ecr-public', label: 'Amazon ECR Public', url: /^public\.ecr\.aws$/, example: 'public.ecr.aws' },
  { name: 'docker-hub', label: 'Docker Hub', url: /^registry-1\.docker\.io$/, example: 'registry-1.docker.io', needs: 'credential' },
  { name: 'quay', label: 'Quay', url: /^quay\.io$/, example: 'quay.io' },
  { name: 'k8s', label: 'Kubernetes', url: /^registry\.k8s\.io$/, example: 'registry.k8s.io' },
  { name: 'github-container-registry', label: 'GitHub Container Registry', url: /^ghcr\.io$/, example: 'ghcr.io', needs: 'credential' },
  { name: 'gitlab-container-registry', label: 'GitLab Container Registry', url: /^registry\.gitlab\.com$/, example: 'registry.gitlab.com', needs: 'credential' },
  { name: 'azure-container-registry', label: 'Azure Container Registry', url: /^[a-z0-9-]+\.azurecr\.io$/, example: '<name>.azurecr.io', needs: 'credential' },
  { name: 'chainguard', label: 'Chainguard', url: /^cgr\.dev$/, example: 'cgr.dev' },
  { name: 'ecr', label: 'Amazon ECR (another registry)', url: /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/, example: '<account>.dkr.ecr.<region>.amazonaws.com', needs: 'role' },
];

/** "https://ghcr.io/" -> "ghcr.io": ECR takes the registry's host name. */
export function upstreamHost(url: string): string {
  return url.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

/** The upstream a URL names, or the reason ECR would refuse it. */
export function upstreamOf(url: string): UpstreamKind | string {
  const host = upstreamHost(url);
  const found = UPSTREAMS.find((u) => u.url.test(host));
  return found ?? `"${url}" is not an upstream registry ECR can cache from. Supported: ${UPSTREAMS.map((u) => u.example).join(', ')}.`;
}

/** Why ECR would refuse a pull-through cache prefix, or undefined. */
export function pullThroughPrefixProblem(prefix: string): string | undefined {
  if (prefix === 'ROOT') return undefined;
  if (prefix.length < 2 || prefix.length > 30) return `The prefix must be 2-30 characters long ("${prefix}" has ${prefix.length}).`;
  if (!PREFIX.test(prefix)) return `"${prefix}" is not a repository name prefix: lowercase letters and digits, with . _ - or / between them.`;
  return undefined;
}

/** Why ECR would refuse a creation template prefix, or undefined. */
export function templatePrefixProblem(prefix: string): string | undefined {
  if (prefix === 'ROOT') return undefined;
  if (prefix.length < 1 || prefix.length > 256) return 'The prefix must be 1-256 characters long, or ROOT for every repository without a template of its own.';
  if (!PREFIX.test(prefix)) return `"${prefix}" is not a repository name prefix: lowercase letters and digits, with . _ - or / between them (or ROOT).`;
  return undefined;
}

/** Why ECR would refuse this access setting for the upstream, or undefined (`value`: an ARN, or empty). */
export function upstreamAccessProblem(upstream: UpstreamKind, value: string): string | undefined {
  if (upstream.needs === 'credential') {
    if (!value) return `${upstream.label} needs the ARN of a Secrets Manager secret whose name starts with ecr-pullthroughcache/.`;
    if (value.length < 50 || value.length > 612 || !CREDENTIAL_ARN.test(value)) return `"${value}" is not the ARN of a Secrets Manager secret named ecr-pullthroughcache/… (50-612 characters).`;
  }
  if (upstream.needs === 'role') {
    if (!value) return 'Another ECR registry needs the ARN of an IAM role ECR assumes to read it.';
    if (!ROLE_ARN.test(value)) return `"${value}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`;
  }
  return undefined;
}

function commaList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

/** "dev-*, latest" -> exclusion filters (1-5), or the reason ECR would refuse them. */
export function parseExclusionFilters(text: string): WildcardFilterSpec[] | string {
  const filters = commaList(text);
  if (filters.length === 0) return 'Name at least one tag filter, e.g. dev-* or latest.';
  if (filters.length > SETTINGS_LIMITS.exclusionFilters) return `ECR allows at most ${SETTINGS_LIMITS.exclusionFilters} exclusion filters (${filters.length} given).`;
  for (const filter of filters) {
    if (!EXCLUSION_FILTER.test(filter)) return `"${filter}" is not a tag filter ECR accepts: 1-128 letters, digits, . _ - and * as a wildcard.`;
  }
  return filters.map((filter) => ({ filter, filterType: 'WILDCARD' as const }));
}

/** "prod-*, team/*" -> scanning repository filters (0-100), or the reason ECR would refuse them. */
export function parseScanningFilters(text: string): WildcardFilterSpec[] | string {
  const filters = commaList(text);
  if (filters.length > SETTINGS_LIMITS.scanningFilters) return `ECR allows at most ${SETTINGS_LIMITS.scanningFilters} repository filters per rule (${filters.length} given).`;
  for (const filter of filters) {
    if (filter.length > SETTINGS_LIMITS.scanningFilterLength || !SCANNING_FILTER.test(filter)) {
      return `"${filter}" is not a repository filter ECR accepts: lowercase letters, digits, . _ - / and * as a wildcard.`;
    }
  }
  return filters.map((filter) => ({ filter, filterType: 'WILDCARD' as const }));
}

/** `*` matches any run of characters; everything else literally (ECR's WILDCARD filters). */
export function wildcardMatches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

/** Whether a push may not move `tag` once it exists: the mode, turned over for tags an exclusion filter matches. */
export function isTagImmutable(mode: string | undefined, filters: readonly { filter?: string }[] | undefined, tag: string): boolean {
  const excluded = (filters ?? []).some((f) => f.filter !== undefined && wildcardMatches(f.filter, tag));
  if (mode === 'IMMUTABLE') return true;
  if (mode === 'IMMUTABLE_WITH_EXCLUSION') return !excluded;
  if (mode === 'MUTABLE_WITH_EXCLUSION') return excluded;
  return false;
}

/**
 * Whether a reference's tag cannot be moved in a repository (DescribeRepositories' answer):
 * undefined when the answer names no mode; by digest only (no tag), whether its tags are fixed by default.
 */
export function referenceTagImmutable(
  repository: { readonly imageTagMutability?: string; readonly imageTagMutabilityExclusionFilters?: readonly { filter?: string }[] },
  tag: string | undefined,
): boolean | undefined {
  const mode = repository.imageTagMutability;
  if (!mode) return undefined;
  if (tag === undefined) return mode.startsWith('IMMUTABLE');
  return isTagImmutable(mode, repository.imageTagMutabilityExclusionFilters, tag);
}

/** A repository's tag mutability in the row's words: "immutable", "immutable except dev-*", "mutable except release-*". */
export function mutabilityText(mode: string | undefined, filters: readonly { filter?: string }[] | undefined): string {
  const list = (filters ?? []).map((f) => f.filter).filter(Boolean).join(', ');
  switch (mode) {
    case 'IMMUTABLE':
      return 'immutable';
    case 'IMMUTABLE_WITH_EXCLUSION':
      return `immutable except ${list}`;
    case 'MUTABLE_WITH_EXCLUSION':
      return `mutable except ${list}`;
    default:
      return 'mutable';
  }
}

/** "Scan on push: prod-*, web" for a scanning rule; no filters reads as "no repositories". */
export function scanningRuleText(rule: { scanFrequency?: string; repositoryFilters?: readonly { filter?: string }[] }): string {
  const frequency = rule.scanFrequency === 'CONTINUOUS_SCAN' ? 'Continuous' : rule.scanFrequency === 'SCAN_ON_PUSH' ? 'Scan on push' : 'Manual';
  const filters = (rule.repositoryFilters ?? []).map((f) => f.filter).filter(Boolean);
  return `${frequency}: ${filters.length > 0 ? filters.join(', ') : 'no repositories'}`;
}

export type AppliedForValue = 'PULL_THROUGH_CACHE' | 'REPLICATION' | 'CREATE_ON_PUSH';
const APPLIED_FOR_WORDS: Readonly<Record<string, AppliedForValue>> = {
  'pull-through cache': 'PULL_THROUGH_CACHE',
  'pull through cache': 'PULL_THROUGH_CACHE',
  pull_through_cache: 'PULL_THROUGH_CACHE',
  replication: 'REPLICATION',
  'create on push': 'CREATE_ON_PUSH',
  create_on_push: 'CREATE_ON_PUSH',
};

/** "pull-through cache, create on push" (or ECR's names) -> appliedFor, or the reason it is refused. */
export function parseAppliedFor(text: string): AppliedForValue[] | string {
  const parts = commaList(text);
  if (parts.length === 0) return 'Name at least one use: pull-through cache, replication, create on push.';
  const values: AppliedForValue[] = [];
  for (const part of parts) {
    const value = APPLIED_FOR_WORDS[part.toLowerCase()];
    if (!value) return `"${part}" is not a use of a creation template: pull-through cache, replication or create on push.`;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

export interface TemplateSpecInput {
  readonly prefix: string;
  readonly description?: string;
  readonly appliedFor: readonly string[];
  readonly imageTagMutability?: string;
  readonly imageTagMutabilityExclusionFilters?: readonly { readonly filter?: string }[];
  readonly lifecyclePolicy?: string;
}

/** Why ECR would refuse a creation template, or undefined; checked before the call. */
export function templateProblem(spec: TemplateSpecInput): string | undefined {
  const prefix = templatePrefixProblem(spec.prefix);
  if (prefix) return prefix;
  if ((spec.description?.length ?? 0) > SETTINGS_LIMITS.templateDescription) return `The description is ${spec.description?.length} characters; ECR allows at most ${SETTINGS_LIMITS.templateDescription}.`;
  const appliedFor = parseAppliedFor(spec.appliedFor.join(','));
  if (typeof appliedFor === 'string') return appliedFor;
  const exclusions = spec.imageTagMutabilityExclusionFilters ?? [];
  const withExclusion = spec.imageTagMutability?.endsWith('_WITH_EXCLUSION') === true;
  if (withExclusion) {
    const parsed = parseExclusionFilters(exclusions.map((f) => f.filter ?? '').join(','));
    if (typeof parsed === 'string') return parsed;
  } else if (exclusions.length > 0) {
    return 'Exclusion filters need the mode "immutable except" or "mutable except".';
  }
  if (spec.lifecyclePolicy) return lifecyclePolicyTextProblem(spec.lifecyclePolicy);
  return undefined;
}

/** The length and outline ECR checks in a lifecycle policy text (its rules' details are ECR's to judge). */
export function lifecyclePolicyTextProblem(text: string): string | undefined {
  if (text.length < 100 || text.length > 30_720) return `A lifecycle policy must be 100-30,720 characters long (this one has ${text.length}).`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'The lifecycle policy is not valid JSON.';
  }
  const rules = (parsed as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules) || rules.length === 0) return 'The lifecycle policy needs a "rules" list with at least one rule.';
  return undefined;
}
