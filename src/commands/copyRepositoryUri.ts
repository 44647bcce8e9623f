import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { repositoryArg } from './nodeArgs';

export const copyRepositoryUri: CommandFactory = (ctx) => ({
  id: 'ecr.copyRepositoryUri',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node?.repository.repositoryUri) return undefined;
    await vscode.env.clipboard.writeText(node.repository.repositoryUri);
    void vscode.window.setStatusBarMessage(`Copied ${node.repository.repositoryUri}`, 3000);
    return node.repository.repositoryUri;
  },
});
