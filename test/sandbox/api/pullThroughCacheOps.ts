// Pull-through cache rules: Create/Describe/Update/Delete/ValidatePullThroughCacheRule with ECR's
// constraints (prefix 2-30 characters, one rule per prefix, 50 per registry), the upstream
// registries ECR supports (URL -> upstreamRegistry) and which of them need a Secrets Manager
// credential (Docker Hub, GitHub, GitLab, Azure) or an IAM role (another ECR).
// The sandbox has no internet: Validate checks the rule's settings, not a live upstream login.
import { EcrError, invalidParameter } from '../ecrError';
import type { RegistryState } from '../model';
import { settingsOf, type PullThroughCacheRule } from '../registrySettings';
import type { Operation } from './context';
import { epoch, page, type Input } from './params';
import { enumValue, list, optionalText, text } from './shapes';

export const PULL_THROUGH_CACHE_LIMIT = 50;
export const PREFIX = /^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\/?|ROOT)$/;
const CREDENTIAL_ARN = /^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+$/;
const ROLE_ARN = /^arn:aws(-\w+)*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;
const ANY = /^[\s\S]*$/;

const UPSTREAMS: readonly { name: string; url: RegExp; needs?: 'credential' | 'role' }[] = [
  { name: 'ecr-public', url: /^public\.ecr\.aws$/ },
  { name: 'docker-hub', url: /^registry-1\.docker\.io$/, needs: 'credential' },
  { name: 'quay', url: /^quay\.io$/ },
  { name: 'k8s', url: /^registry\.k8s\.io$/ },
  { name: 'github-container-registry', url: /^ghcr\.io$/, needs: 'credential' },
  { name: 'gitlab-container-registry', url: /^registry\.gitlab\.com$/, needs: 'credential' },
  { name: 'azure-container-registry', url: /^[a-z0-9-]+\.azurecr\.io$/, needs: 'credential' },
  { name: 'chainguard', url: /^cgr\.dev$/ },
  { name: 'ecr', url: /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/, needs: 'role' },
];
const UPSTREAM_NAMES = UPSTREAMS.map((u) => u.name);

const unsupported = (url: string): EcrError =>
  new EcrError('UnsupportedUpstreamRegistryException', `The specified upstream registry '${url}' isn't supported. Supported registries: ${UPSTREAM_NAMES.join(', ')}.`);

const notFound = (prefix: string, registry: RegistryState): EcrError =>
  new EcrError('PullThroughCacheRuleNotFoundException', `The pull through cache rule with prefix '${prefix}' does not exist in the registry with id '${registry.accountId}'`);

/** "ecr-public/" and "ecr-public" name one rule: ECR always assumes the trailing slash. */
const normalPrefix = (prefix: string): string => (prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);

function ruleOf(registry: RegistryState, prefix: string): PullThroughCacheRule {
  const rule = settingsOf(registry).pullThroughCacheRules.get(normalPrefix(prefix));
  if (!rule) throw notFound(prefix, registry);
  return rule;
}

/** What the upstream needs besides its URL; refused like ECR before the rule is stored. */
function checkAccess(upstream: string, credentialArn: string | undefined, customRoleArn: string | undefined): void {
  const needs = UPSTREAMS.find((u) => u.name === upstream)?.needs;
  if (needs === 'credential' && !credentialArn) {
    throw invalidParameter(`Invalid parameter at 'credentialArn' failed to satisfy constraint: 'A credentialArn is required for the upstream registry ${upstream}'`);
  }
  if (needs === 'role' && !customRoleArn) {
    throw invalidParameter(`Invalid parameter at 'customRoleArn' failed to satisfy constraint: 'A customRoleArn is required for the upstream registry ${upstream}'`);
  }
  if (needs !== 'credential' && credentialArn) {
    throw invalidParameter(`Invalid parameter at 'credentialArn' failed to satisfy constraint: 'The upstream registry ${upstream} does not use a credentialArn'`);
  }
  if (needs !== 'role' && customRoleArn) {
    throw invalidParameter(`Invalid parameter at 'customRoleArn' failed to satisfy constraint: 'The upstream registry ${upstream} does not use a customRoleArn'`);
  }
}

function ruleShape(rule: PullThroughCacheRule, registry: RegistryState): Record<string, unknown> {
  return {
    ecrRepositoryPrefix: rule.ecrRepositoryPrefix,
    upstreamRegistryUrl: rule.upstreamRegistryUrl,
    createdAt: epoch(rule.createdAt),
    registryId: registry.accountId,
    credentialArn: rule.credentialArn,
    customRoleArn: rule.customRoleArn,
    upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix,
  };
}

const createRule: Operation = async (ctx, input) => {
  const prefix = text(input.ecrRepositoryPrefix, 'ecrRepositoryPrefix', PREFIX, 2, 30);
  const url = text(input.upstreamRegistryUrl, 'upstreamRegistryUrl', ANY, 1, 512);
  const named = enumValue(input.upstreamRegistry, 'upstreamRegistry', UPSTREAM_NAMES, false);
  const credentialArn = optionalText(input.credentialArn, 'credentialArn', CREDENTIAL_ARN, 50, 612);
  const customRoleArn = optionalText(input.customRoleArn, 'customRoleArn', ROLE_ARN, 1, 2048);
  const upstreamRepositoryPrefix = optionalText(input.upstreamRepositoryPrefix, 'upstreamRepositoryPrefix', PREFIX, 2, 30);
  const upstream = UPSTREAMS.find((u) => u.url.test(url))?.name;
  if (!upstream || (named !== undefined && named !== upstream)) throw unsupported(url);
  if (upstreamRepositoryPrefix !== undefined && upstream !== 'ecr') {
    throw invalidParameter("Invalid parameter at 'upstreamRepositoryPrefix' failed to satisfy constraint: 'upstreamRepositoryPrefix is supported for the ecr upstream registry only'");
  }
  checkAccess(upstream, credentialArn, customRoleArn);
  const registry = await ctx.registry(input);
  const rules = settingsOf(registry).pullThroughCacheRules;
  const key = normalPrefix(prefix);
  if (rules.has(key)) {
    throw new EcrError('PullThroughCacheRuleAlreadyExistsException', `A pull through cache rule with prefix '${key}' already exists in the registry with id '${registry.accountId}'`);
  }
  if (rules.size >= PULL_THROUGH_CACHE_LIMIT) {
    throw new EcrError('LimitExceededException', `The maximum number of pull through cache rules (${PULL_THROUGH_CACHE_LIMIT}) for the registry with id '${registry.accountId}' has been reached`);
  }
  const rule: PullThroughCacheRule = { ecrRepositoryPrefix: key, upstreamRegistryUrl: url, upstreamRegistry: upstream, createdAt: new Date(), credentialArn, customRoleArn, upstreamRepositoryPrefix };
  rules.set(key, rule);
  return { ...ruleShape(rule, registry), upstreamRegistry: upstream };
};

const describeRules: Operation = async (ctx, input) => {
  const registry = await ctx.registry(input);
  const prefixes = list(input.ecrRepositoryPrefixes, 'ecrRepositoryPrefixes', 1, 100, false).map((p, i) => text(p, `ecrRepositoryPrefixes.${i + 1}.member`, PREFIX, 2, 30));
  const chosen = prefixes.length > 0 ? prefixes.map((p) => ruleOf(registry, p)) : [...settingsOf(registry).pullThroughCacheRules.values()].sort((a, b) => (a.ecrRepositoryPrefix < b.ecrRepositoryPrefix ? -1 : 1));
  const { items, nextToken } = page(chosen, input, `DescribePullThroughCacheRules:${registry.accountId}/${registry.region}:${prefixes.join(',')}`, { defaultMax: 100, max: 1000 });
  return {
    pullThroughCacheRules: items.map((rule) => ({ ...ruleShape(rule, registry), upstreamRegistry: rule.upstreamRegistry, updatedAt: rule.updatedAt && epoch(rule.updatedAt) })),
    nextToken,
  };
};

const updateRule: Operation = async (ctx, input) => {
  const prefix = text(input.ecrRepositoryPrefix, 'ecrRepositoryPrefix', PREFIX, 2, 30);
  const credentialArn = optionalText(input.credentialArn, 'credentialArn', CREDENTIAL_ARN, 50, 612);
  const customRoleArn = optionalText(input.customRoleArn, 'customRoleArn', ROLE_ARN, 1, 2048);
  const registry = await ctx.registry(input);
  const rule = ruleOf(registry, prefix);
  checkAccess(rule.upstreamRegistry, credentialArn ?? (customRoleArn ? undefined : rule.credentialArn), customRoleArn ?? (credentialArn ? undefined : rule.customRoleArn));
  if (credentialArn) rule.credentialArn = credentialArn;
  if (customRoleArn) rule.customRoleArn = customRoleArn;
  rule.updatedAt = new Date();
  return {
    ecrRepositoryPrefix: rule.ecrRepositoryPrefix,
    registryId: registry.accountId,
    updatedAt: epoch(rule.updatedAt),
    credentialArn: rule.credentialArn,
    customRoleArn: rule.customRoleArn,
    upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix,
  };
};

const deleteRule: Operation = async (ctx, input) => {
  const prefix = text(input.ecrRepositoryPrefix, 'ecrRepositoryPrefix', PREFIX, 2, 30);
  const registry = await ctx.registry(input);
  const rule = ruleOf(registry, prefix);
  settingsOf(registry).pullThroughCacheRules.delete(rule.ecrRepositoryPrefix);
  return ruleShape(rule, registry);
};

const validateRule: Operation = async (ctx, input: Input) => {
  const prefix = text(input.ecrRepositoryPrefix, 'ecrRepositoryPrefix', PREFIX, 2, 30);
  const registry = await ctx.registry(input);
  const rule = ruleOf(registry, prefix);
  const { createdAt: _created, ...shape } = ruleShape(rule, registry);
  return { ...shape, isValid: true };
};

export const pullThroughCacheOperations: Record<string, Operation> = {
  CreatePullThroughCacheRule: createRule,
  DescribePullThroughCacheRules: describeRules,
  UpdatePullThroughCacheRule: updateRule,
  DeletePullThroughCacheRule: deleteRule,
  ValidatePullThroughCacheRule: validateRule,
};
