import type { CommandFactory } from '.';
import { registryPolicyUri, showPolicyDocument } from '../explorer/policyFs';
import { apiOf, registryArg } from './nodeArgs';

/** Opens the registry's permission policy (replication, pull-through cache) as JSON; saving puts it to ECR. */
export const editRegistryPolicy: CommandFactory = (ctx) => ({
  id: 'ecr.editRegistryPolicy',
  run: async (arg) => {
    const node = await registryArg(ctx, arg);
    if (!node) return undefined;
    // Asked first so a refusal names its reason even when VS Code still holds the document from before.
    await (await apiOf(ctx, node)).getRegistryPolicy();
    const uri = registryPolicyUri(node.registry);
    await showPolicyDocument(uri);
    return uri.toString();
  },
});
