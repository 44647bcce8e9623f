// Shared steps of the replication commands: which registry's rules, asking for one rule, saving.
import { inputParsed } from '../ui/prompts';
import type { EcrContext } from '../context';
import {
  parseDestinations,
  parseFilters,
  replicationRulesProblem,
  type ReplicationRuleSpec,
} from '../core/replication';
import { replicationRules } from '../explorer/replication';
import { registrySettingsNode, replicationNode, type ReplicationNode } from '../explorer/nodes';
import { asNode, registryArg } from './nodeArgs';

/** The clicked "Replication" node, a rule's, or the one of a registry (clicked or picked). */
export async function replicationArg(ctx: EcrContext, value: unknown): Promise<ReplicationNode | undefined> {
  const node = asNode(value, 'replication') ?? asNode(value, 'replicationRule')?.parent;
  if (node) return node;
  const registry = await registryArg(ctx, value);
  return registry && replicationNode(registrySettingsNode(registry));
}

/** Asks for a rule's destinations and repository filters; undefined when the user cancels. */
export async function askRule(ctx: EcrContext, node: ReplicationNode, current?: ReplicationRuleSpec): Promise<ReplicationRuleSpec | undefined> {
  const account = node.parent.parent.registry.info?.accountId ?? '';
  const destinations = await inputParsed(
    ctx.prompts,
    {
      title: 'Replication destinations',
      prompt: 'Region or region/account, comma-separated (e.g. eu-west-1/222222222222)',
      value: current?.destinations.map((d) => `${d.region}/${d.registryId}`).join(', '),
    },
    (text) => parseDestinations(text, account),
  );
  if (destinations === undefined) return undefined;
  const filters = await inputParsed(
    ctx.prompts,
    {
      title: 'Repository filters',
      prompt: 'Repository name prefixes, comma-separated; empty replicates every repository',
      value: current?.repositoryFilters?.map((f) => f.filter).join(', ') ?? '',
    },
    parseFilters,
  );
  if (filters === undefined) return undefined;
  return filters.length > 0 ? { destinations, repositoryFilters: filters } : { destinations };
}

/** Checks the whole rule list at ECR's limits, then saves it; refuses before the call when ECR would. */
export async function saveRules(ctx: EcrContext, node: ReplicationNode, rules: readonly ReplicationRuleSpec[]): Promise<void> {
  const { info, api, source } = node.parent.parent.registry;
  const problem = replicationRulesProblem(rules, { accountId: info?.accountId ?? '', region: source.region });
  if (problem) throw new Error(`Replication rules not saved: ${problem}`);
  if (!api) throw new Error('This registry could not be reached.');
  await api.putReplicationRules(rules.map((r) => ({ destinations: [...r.destinations], repositoryFilters: r.repositoryFilters && [...r.repositoryFilters] })));
  ctx.log.info(`${source.label}: ${rules.length} replication rule(s) saved`);
  ctx.model.refresh(node);
}

export { replicationRules };
