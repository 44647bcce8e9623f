import type { CommandFactory } from '.';
import { repositoryPolicyUri, showPolicyDocument } from '../explorer/policyFs';
import { apiOf, repositoryArg } from './nodeArgs';

/** Opens the repository's permission policy as JSON (schema-checked); saving sets it in ECR. */
export const editRepositoryPolicy: CommandFactory = (ctx) => ({
  id: 'ecr.editRepositoryPolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    // Asked first so a refusal names its reason even when VS Code still holds the document from before.
    await (await apiOf(ctx, node)).getRepositoryPolicy(node.repository.repositoryName ?? '');
    const uri = repositoryPolicyUri(node.parent.registry, node.repository.repositoryName ?? '');
    await showPolicyDocument(uri);
    return uri.toString();
  },
});
