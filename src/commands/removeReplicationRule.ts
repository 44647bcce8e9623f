import type { CommandFactory } from '.';
import { ruleLabel } from '../core/replication';
import { asNode } from './nodeArgs';
import { replicationRules, saveRules } from './replicationArgs';

export const removeReplicationRule: CommandFactory = (ctx) => ({
  id: 'ecr.removeReplicationRule',
  run: async (arg) => {
    const node = asNode(arg, 'replicationRule');
    if (!node) return undefined;
    const { label, description } = ruleLabel(node.rule);
    const confirmed = await ctx.prompts.confirm(`Remove the replication rule "${label}" (${description})? New pushes will no longer be copied there.`, 'Remove');
    if (!confirmed) return undefined;
    const rules = (await replicationRules(node.parent)).filter((_, i) => i !== node.index);
    await saveRules(ctx, node.parent, rules);
    return rules.length;
  },
});
