// Registry-level settings ECR keeps beside the repositories: pull-through cache rules, repository
// creation templates and the registry scanning configuration; and what they change: which tags
// are immutable (mutability with exclusion filters), which pushes are scanned, and the settings of
// a repository ECR creates on the user's behalf (create on push).
import { REPOSITORY_NAME } from './api/params';
import { tagPatternMatches } from './lifecycle';
import { addRepository, type RegistryState, type Repository, type RepositorySettings } from './model';

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
export const TAG_MUTABILITIES: readonly TagMutability[] = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];

export interface WildcardFilter {
  readonly filter: string;
  readonly filterType: 'WILDCARD';
}

export interface PullThroughCacheRule {
  readonly ecrRepositoryPrefix: string;
  readonly upstreamRegistryUrl: string;
  readonly upstreamRegistry: string;
  readonly createdAt: Date;
  updatedAt?: Date;
  credentialArn?: string;
  customRoleArn?: string;
  readonly upstreamRepositoryPrefix?: string;
}

export type AppliedFor = 'REPLICATION' | 'PULL_THROUGH_CACHE' | 'CREATE_ON_PUSH';

export interface CreationTemplate {
  readonly prefix: string;
  description?: string;
  encryptionConfiguration?: { encryptionType: string; kmsKey?: string };
  resourceTags?: { Key: string; Value: string }[];
  imageTagMutability?: TagMutability;
  imageTagMutabilityExclusionFilters?: WildcardFilter[];
  repositoryPolicy?: string;
  lifecyclePolicy?: string;
  appliedFor: AppliedFor[];
  customRoleArn?: string;
  readonly createdAt: Date;
  updatedAt: Date;
}

export type ScanFrequency = 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL';

export interface ScanningRule {
  readonly scanFrequency: ScanFrequency;
  readonly repositoryFilters: readonly WildcardFilter[];
}

export interface RegistrySettings {
  readonly pullThroughCacheRules: Map<string, PullThroughCacheRule>;
  readonly templates: Map<string, CreationTemplate>;
  scanningRules: readonly ScanningRule[];
}

const settings = new WeakMap<RegistryState, RegistrySettings>();

export function settingsOf(registry: RegistryState): RegistrySettings {
  let found = settings.get(registry);
  if (!found) {
    found = { pullThroughCacheRules: new Map(), templates: new Map(), scanningRules: [] };
    settings.set(registry, found);
  }
  return found;
}

/** Whether pushing `tag` again must not move it: the mode, turned over for tags an exclusion filter matches. */
export function isTagImmutable(repo: Repository, tag: string): boolean {
  const excluded = (repo.imageTagMutabilityExclusionFilters ?? []).some((f) => tagPatternMatches(f.filter, tag));
  switch (repo.imageTagMutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
    default:
      return false;
  }
}

/** A push is scanned when the repository asks for it or a registry rule that scans on push matches its name. */
export function scansOnPush(repo: Repository): boolean {
  if (repo.scanOnPush) return true;
  return settingsOf(repo.registry).scanningRules.some(
    (rule) => rule.scanFrequency !== 'MANUAL' && rule.repositoryFilters.some((f) => tagPatternMatches(f.filter, repo.name)),
  );
}

/** The template for a repository ECR creates: the longest matching prefix, else ROOT. */
export function templateFor(registry: RegistryState, name: string, use: AppliedFor): CreationTemplate | undefined {
  const candidates = [...settingsOf(registry).templates.values()].filter((t) => t.appliedFor.includes(use));
  const matching = candidates.filter((t) => t.prefix !== 'ROOT' && name.startsWith(`${t.prefix}/`)).sort((a, b) => b.prefix.length - a.prefix.length);
  return matching[0] ?? candidates.find((t) => t.prefix === 'ROOT');
}

/** The repository settings a template gives (tags, mutability, encryption); its policies are applied by the caller. */
export function templateSettings(template: CreationTemplate | undefined): RepositorySettings {
  if (!template) return {};
  return {
    imageTagMutability: template.imageTagMutability,
    imageTagMutabilityExclusionFilters: template.imageTagMutabilityExclusionFilters,
    encryption: template.encryptionConfiguration,
    tags: (template.resourceTags ?? []).map((t): [string, string] => [t.Key, t.Value]),
  };
}

/**
 * A push (any write to the data plane) to a repository that does not exist creates it when a
 * CREATE_ON_PUSH template matches its name, with the template's settings; else undefined.
 */
export function createdOnPush(registry: RegistryState, name: string, method: string): Repository | undefined {
  if (method === 'GET' || method === 'HEAD' || !REPOSITORY_NAME.test(name)) return undefined;
  const template = templateFor(registry, name, 'CREATE_ON_PUSH');
  if (!template) return undefined;
  const repo = addRepository(registry, name, templateSettings(template));
  if (template.lifecyclePolicy) repo.lifecyclePolicy = { text: template.lifecyclePolicy, updatedAt: new Date() };
  if (template.repositoryPolicy) repo.policyText = template.repositoryPolicy;
  return repo;
}
