import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { loadAws } from '../lazy';
import { repositoryArg } from './nodeArgs';

export const openInConsole: CommandFactory = (ctx) => ({
  id: 'ecr.openInConsole',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const { consoleUrl } = await loadAws();
    const registry = node.parent.registry;
    const url = consoleUrl(registry.source.region, registry.info?.accountId ?? node.repository.registryId ?? '', node.repository.repositoryName);
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  },
});
