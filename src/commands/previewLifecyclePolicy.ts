import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import type { LifecyclePreview } from '../aws/ecrApi';
import { escapeMarkdown } from '../core/markdown';
import { shortDigest } from '../explorer/format';
import { withProgress } from '../ui/progress';
import { apiOf, repositoryArg } from './nodeArgs';

/** Shows which images the saved lifecycle policy would expire, and by which rule. */
export const previewLifecyclePolicy: CommandFactory = (ctx) => ({
  id: 'ecr.previewLifecyclePolicy',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const name = node.repository.repositoryName ?? '';
    const api = apiOf(node);
    if ((await api.getLifecyclePolicy(name)) === undefined) {
      void vscode.window.showInformationMessage(`${name} has no lifecycle policy yet. Edit one first.`, 'Edit Lifecycle Policy').then((choice) => {
        if (choice) void vscode.commands.executeCommand('ecr.editLifecyclePolicy', node);
      });
      return undefined;
    }
    const preview = await withProgress(`Previewing the lifecycle policy of ${name}`, () => api.previewLifecyclePolicy(name));
    await ctx.documents.openMarkdown(`${name} lifecycle preview`, previewMarkdown(name, preview));
    return preview;
  },
});

export function previewMarkdown(repository: string, preview: LifecyclePreview): string {
  const lines = [`# Lifecycle policy preview: ${escapeMarkdown(repository)}`, ''];
  if (preview.status !== 'COMPLETE') lines.push(`Status: ${escapeMarkdown(preview.status ?? 'unknown')}`, '');
  const results = [...preview.previewResults].sort((a, b) => (a.appliedRulePriority ?? 0) - (b.appliedRulePriority ?? 0));
  lines.push(`**${results.length}** image${results.length === 1 ? '' : 's'} would expire.`, '');
  if (results.length > 0) {
    lines.push('| Rule | Tags | Digest | Pushed | Action |', '| --- | --- | --- | --- | --- |');
    for (const r of results) {
      const tags = r.imageTags?.length ? r.imageTags.map(escapeMarkdown).join(', ') : '&lt;untagged&gt;';
      const pushed = r.imagePushedAt ? new Date(r.imagePushedAt).toISOString() : '';
      lines.push(`| ${r.appliedRulePriority ?? ''} | ${tags} | \`${shortDigest(r.imageDigest)}\` | ${pushed} | ${escapeMarkdown(r.action?.type ?? '')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
