// Referrers and managed signing: ListImageReferrers, DescribeImageSigningStatus and the registry's
// signing configuration (Put/Get/DeleteSigningConfiguration), with ECR's shapes, limits and errors.
import { EcrError, invalidParameter } from '../ecrError';
import { storageName } from '../model';
import { referrersOf } from '../referrers';
import { signingOf, type SigningRepositoryFilter, type SigningRule } from '../signing';
import type { Operation } from './context';
import { requiredImage } from './imageOps';
import { DIGEST, optionalEnum, optionalObject, page, type Input } from './params';

/** ECR's limits: 10 signing rules, 100 repository filters per rule. */
export const SIGNING_LIMITS = { rules: 10, filtersPerRule: 100 } as const;
const PROFILE_ARN = /^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\/signing-profiles\/[a-zA-Z0-9_]{2,}$/;

const listImageReferrers: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const subject = optionalObject(input, 'subjectId');
  if (!subject) throw invalidParameter("Invalid parameter at 'subjectId' failed to satisfy constraint: 'Member must not be null'");
  const digest = subject.imageDigest;
  if (typeof digest !== 'string') throw invalidParameter("Invalid parameter at 'subjectId.imageDigest' failed to satisfy constraint: 'Member must not be null'");
  if (!DIGEST.test(digest)) throw invalidParameter("Invalid parameter at 'subjectId.imageDigest' failed to satisfy constraint: 'Invalid image digest'");
  const filter = optionalObject(input, 'filter');
  const status = optionalEnum(filter?.artifactStatus, 'filter.artifactStatus', ['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY'] as const) ?? 'ACTIVE';
  const artifactTypes = artifactTypesOf(filter);
  const referrers = referrersOf(ctx.state, repo, digest, artifactTypes).filter((r) => status === 'ANY' || r.status === status);
  const scope = `ListImageReferrers:${storageName(repo)}:${digest}:${status}:${(artifactTypes ?? []).join(',')}`;
  const { items, nextToken } = page(referrers, input, scope, { defaultMax: 20, max: 50 });
  return {
    referrers: items.map((r) => ({ digest: r.digest, mediaType: r.mediaType, artifactType: r.artifactType, size: r.size, annotations: r.annotations, artifactStatus: r.status })),
    nextToken,
  };
};

function artifactTypesOf(filter: Input | undefined): string[] | undefined {
  const value = filter?.artifactTypes;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter("Invalid parameter at 'filter.artifactTypes' failed to satisfy constraint: 'Member must be a list'");
  return value.map((type) => {
    if (typeof type !== 'string' || type.length < 1 || type.length > 255) {
      throw invalidParameter("Invalid parameter at 'filter.artifactTypes' failed to satisfy constraint: 'Member must have length between 1 and 255'");
    }
    return type;
  });
}

const describeImageSigningStatus: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const { id, image } = requiredImage(ctx.state, repo, input);
  return {
    repositoryName: repo.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    registryId: repo.registry.accountId,
    signingStatuses: signingOf(ctx.state).statusesOf(ctx.state, repo, image.digest),
  };
};

/** AWS's shape-validation error, as the service front end answers a constraint violation. */
const invalid = (path: string, value: unknown, rule: string): EcrError =>
  new EcrError('ValidationException', `1 validation error detected: Value '${JSON.stringify(value)}' at '${path}' failed to satisfy constraint: ${rule}`);

function parseRules(input: Input): SigningRule[] {
  const config = optionalObject(input, 'signingConfiguration');
  if (!config) throw invalid('signingConfiguration', null, 'Member must not be null');
  const rules = config.rules;
  if (!Array.isArray(rules)) throw invalid('signingConfiguration.rules', rules ?? null, rules === undefined || rules === null ? 'Member must not be null' : 'Member must be a list');
  if (rules.length > SIGNING_LIMITS.rules) throw invalid('signingConfiguration.rules', rules.length, `Member must have length less than or equal to ${SIGNING_LIMITS.rules}`);
  return rules.map((raw: unknown, i): SigningRule => {
    const at = `signingConfiguration.rules.${i + 1}.member`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(at, raw, 'Member must be a structure');
    const rule = raw as Input;
    const arn = rule.signingProfileArn;
    if (typeof arn !== 'string') throw invalid(`${at}.signingProfileArn`, arn ?? null, 'Member must not be null');
    if (arn.length > 200 || !PROFILE_ARN.test(arn)) throw invalid(`${at}.signingProfileArn`, arn, `Member must satisfy regular expression pattern: ${PROFILE_ARN.source}`);
    const filters = rule.repositoryFilters;
    if (filters === undefined || filters === null) return { signingProfileArn: arn };
    if (!Array.isArray(filters)) throw invalid(`${at}.repositoryFilters`, filters, 'Member must be a list');
    if (filters.length > SIGNING_LIMITS.filtersPerRule) throw invalid(`${at}.repositoryFilters`, filters.length, `Member must have length less than or equal to ${SIGNING_LIMITS.filtersPerRule}`);
    const repositoryFilters = filters.map((f: unknown, j): SigningRepositoryFilter => {
      const where = `${at}.repositoryFilters.${j + 1}.member`;
      const filter = (typeof f === 'object' && f !== null ? f : {}) as Input;
      if (filter.filterType !== 'WILDCARD_MATCH') throw invalid(`${where}.filterType`, filter.filterType ?? null, 'Member must satisfy enum value set: [WILDCARD_MATCH]');
      if (typeof filter.filter !== 'string' || filter.filter.length < 1 || filter.filter.length > 256) {
        throw invalid(`${where}.filter`, filter.filter ?? null, 'Member must have length between 1 and 256');
      }
      return { filter: filter.filter, filterType: 'WILDCARD_MATCH' };
    });
    return { signingProfileArn: arn, repositoryFilters };
  });
}

const signingConfigurationNotFound = (registryId: string): EcrError =>
  new EcrError('SigningConfigurationNotFoundException', `The signing configuration for the registry with id '${registryId}' does not exist.`);

const putSigningConfiguration: Operation = async (ctx, input) => {
  const registry = await ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);
  const rules = parseRules(input);
  signingOf(ctx.state).setRules(registry, rules);
  return { signingConfiguration: { rules } };
};

const getSigningConfiguration: Operation = async (ctx) => {
  const registry = await ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);
  const rules = signingOf(ctx.state).rulesOf(registry);
  if (!rules) throw signingConfigurationNotFound(registry.accountId);
  return { registryId: registry.accountId, signingConfiguration: { rules } };
};

const deleteSigningConfiguration: Operation = async (ctx) => {
  const registry = await ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);
  const signing = signingOf(ctx.state);
  const rules = signing.rulesOf(registry);
  if (!rules) throw signingConfigurationNotFound(registry.accountId);
  signing.setRules(registry, undefined);
  return { registryId: registry.accountId, signingConfiguration: { rules } };
};

export const referrerOperations: Record<string, Operation> = {
  ListImageReferrers: listImageReferrers,
  DescribeImageSigningStatus: describeImageSigningStatus,
  PutSigningConfiguration: putSigningConfiguration,
  GetSigningConfiguration: getSigningConfiguration,
  DeleteSigningConfiguration: deleteSigningConfiguration,
};

/** Operations a registry without referrers support (the `noReferrers` emulator switch) lacks. */
export const REFERRER_OPERATIONS = Object.keys(referrerOperations);
