import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { lifecycleUri } from '../explorer/lifecycleFs';
import { repositoryArg } from './nodeArgs';

/** Opens the repository's lifecycle policy as JSON (schema-checked); saving puts it to ECR. */
export const editLifecyclePolicy: CommandFactory = (ctx) => ({
  id: 'ecr.editLifecyclePolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const uri = lifecycleUri(node.parent.registry, node.repository.repositoryName ?? '');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return uri.toString();
  },
});
