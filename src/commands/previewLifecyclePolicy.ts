import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { previewMarkdown } from '../explorer/lifecyclePreviewMarkdown';
import { withProgress } from '../ui/progress';
import { apiOf, repositoryArg } from './nodeArgs';
import { notify } from '../ui/logger';

/** Shows which images the saved lifecycle policy would expire, and by which rule. */
export const previewLifecyclePolicy: CommandFactory = (ctx) => ({
  id: 'ecr.previewLifecyclePolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const name = node.repository.repositoryName ?? '';
    const api = await apiOf(ctx, node);
    if ((await api.getLifecyclePolicy(name)) === undefined) {
      void notify(ctx.log, 'information', `${name} has no lifecycle policy yet. Edit one first.`, 'Edit Lifecycle Policy').then((choice) => {
        if (choice) void vscode.commands.executeCommand('ecr.editLifecyclePolicy', node);
      });
      return undefined;
    }
    const preview = await withProgress(`Previewing the lifecycle policy of ${name}`, () => api.previewLifecyclePolicy(name));
    await ctx.documents.openMarkdown(`${name} lifecycle preview`, previewMarkdown(name, preview));
    return preview;
  },
});
