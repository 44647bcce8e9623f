// Registry replication: DescribeRegistry's replicationConfiguration, PutReplicationConfiguration
// (with ECR's limits) and DescribeImageReplicationStatus.
import { invalidParameter } from '../ecrError';
import { replicationOf, type ReplicationDestination, type ReplicationRule, type RepositoryFilter } from '../replication';
import type { Operation } from './context';
import { requiredImage } from './imageOps';
import type { Input } from './params';
import { invalid, list, struct, text } from './shapes';

/** ECR's limits: 10 rules, 100 destinations and 100 filters per rule, 25 destinations in all. */
export const REPLICATION_LIMITS = { rules: 10, destinationsPerRule: 100, filtersPerRule: 100, totalDestinations: 25 } as const;
const REGION = /^[0-9a-z-]{2,25}$/;
const ACCOUNT = /^[0-9]{12}$/;
const FILTER = /^[a-z0-9]+(?:[._-][a-z0-9]*)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]*)*)*$/;

export function parseReplicationRules(input: Input, source: { accountId: string; region: string }): ReplicationRule[] {
  const config = input.replicationConfiguration;
  if (config === undefined || config === null) throw invalid('replicationConfiguration', null, 'Member must not be null');
  const rules = list(struct(config, 'replicationConfiguration').rules, 'replicationConfiguration.rules', 0, REPLICATION_LIMITS.rules, true);
  const parsed = rules.map((raw, i): ReplicationRule => {
    const at = `replicationConfiguration.rules.${i + 1}.member`;
    const rule = struct(raw, at);
    const destinations = list(rule.destinations, `${at}.destinations`, 0, REPLICATION_LIMITS.destinationsPerRule, true).map((d, j): ReplicationDestination => {
      const dest = struct(d, `${at}.destinations.${j + 1}.member`);
      return {
        region: text(dest.region, `${at}.destinations.${j + 1}.member.region`, REGION, 2, 25),
        registryId: text(dest.registryId, `${at}.destinations.${j + 1}.member.registryId`, ACCOUNT, 12, 12),
      };
    });
    const filters = rule.repositoryFilters === undefined ? undefined : list(rule.repositoryFilters, `${at}.repositoryFilters`, 1, REPLICATION_LIMITS.filtersPerRule, false).map((f, j): RepositoryFilter => {
      const filter = struct(f, `${at}.repositoryFilters.${j + 1}.member`);
      if (filter.filterType !== 'PREFIX_MATCH') {
        throw invalid(`${at}.repositoryFilters.${j + 1}.member.filterType`, filter.filterType, 'Member must satisfy enum value set: [PREFIX_MATCH]');
      }
      return { filter: text(filter.filter, `${at}.repositoryFilters.${j + 1}.member.filter`, FILTER, 2, 256), filterType: 'PREFIX_MATCH' };
    });
    for (const destination of destinations) {
      if (destination.registryId === source.accountId && destination.region === source.region) {
        throw invalidParameter('Invalid parameter at \'replicationConfiguration\' failed to satisfy constraint: \'Replication destination cannot be the same as the source registry\'');
      }
    }
    return filters ? { destinations, repositoryFilters: filters } : { destinations };
  });
  const total = parsed.reduce((sum, rule) => sum + rule.destinations.length, 0);
  if (total > REPLICATION_LIMITS.totalDestinations) {
    throw invalidParameter(`Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'The number of destinations (${total}) exceeds the limit of ${REPLICATION_LIMITS.totalDestinations}'`);
  }
  return parsed;
}

const describeRegistry: Operation = async (ctx, input) => {
  const registry = await ctx.registry(input);
  return { registryId: registry.accountId, replicationConfiguration: { rules: replicationOf(ctx.state).rulesOf(registry) } };
};

const putReplicationConfiguration: Operation = async (ctx, input) => {
  const registry = await ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);
  const rules = parseReplicationRules(input, registry);
  replicationOf(ctx.state).setRules(registry, rules);
  return { replicationConfiguration: { rules } };
};

const describeImageReplicationStatus: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const { id, image } = requiredImage(ctx.state, repo, input);
  const statuses = replicationOf(ctx.state).statusesOf(repo, image.digest);
  return { repositoryName: repo.name, imageId: { imageDigest: image.digest, imageTag: id.imageTag }, replicationStatuses: statuses.map((s) => ({ ...s })) };
};

export const replicationOperations: Record<string, Operation> = {
  DescribeRegistry: describeRegistry,
  PutReplicationConfiguration: putReplicationConfiguration,
  DescribeImageReplicationStatus: describeImageReplicationStatus,
};
