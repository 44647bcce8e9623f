import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { loadAws } from '../lazy';
import { asNode, repositoryArg } from './nodeArgs';

/** Opens a registry's repository list, or a repository's images, in the AWS console. */
export const openInConsole: CommandFactory = (ctx) => ({
  id: 'ecr.openInConsole',
  run: async (arg) => {
    const { consoleUrl } = await loadAws();
    const registryNode = asNode(arg, 'registry');
    let url: string;
    if (registryNode) {
      url = consoleUrl(registryNode.registry.source.region, registryNode.registry.info?.accountId ?? '');
    } else {
      const node = await repositoryArg(ctx, arg);
      if (!node) return undefined;
      const registry = node.parent.registry;
      url = consoleUrl(registry.source.region, registry.info?.accountId ?? node.repository.registryId ?? '', node.repository.repositoryName);
    }
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  },
});
