// The lifecycle preview document: which images a policy would expire. Every string from ECR is
// escaped, digests are checked, dates may be invalid. No vscode import (unit-tested).
import type { LifecyclePreview } from '../aws/ecrApi';
import { INVALID_DATE, isoDate } from '../core/dates';
import { digestCode, escapeMarkdown } from '../core/markdown';

export function previewMarkdown(repository: string, preview: LifecyclePreview): string {
  const lines = [`# Lifecycle policy preview: ${escapeMarkdown(repository)}`, ''];
  if (preview.status !== 'COMPLETE') lines.push(`Status: ${escapeMarkdown(preview.status ?? 'unknown')}`, '');
  const results = [...preview.previewResults].sort((a, b) => (a.appliedRulePriority ?? 0) - (b.appliedRulePriority ?? 0));
  lines.push(`**${results.length}** image${results.length === 1 ? '' : 's'} would expire.`, '');
  if (results.length > 0) {
    lines.push('| Rule | Tags | Digest | Pushed | Action |', '| --- | --- | --- | --- | --- |');
    for (const r of results) {
      const tags = r.imageTags?.length ? r.imageTags.map(escapeMarkdown).join(', ') : '&lt;untagged&gt;';
      const pushed = r.imagePushedAt ? (isoDate(r.imagePushedAt) ?? INVALID_DATE) : '';
      lines.push(`| ${r.appliedRulePriority ?? ''} | ${tags} | ${digestCode(r.imageDigest, true)} | ${pushed} | ${escapeMarkdown(r.action?.type ?? '')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
