// The lifecycle preview document: which images a policy would expire. Every string from ECR is
// escaped, digests are checked, dates may be invalid. No vscode import (unit-tested).
import type { LifecyclePreview } from '../aws/ecrApi';
import { INVALID_DATE, isoDate } from '../core/dates';
import { digestCode, escapeMarkdown } from '../core/markdown';
import { formatUsd, type Savings } from '../core/storage';
import { formatBytes } from './format';

const images = (n: number): string => `**${n}** image${n === 1 ? '' : 's'}`;

/** `savings`: what the policy frees, when the images' sizes are known (a draft's preview). */
export function previewMarkdown(repository: string, preview: LifecyclePreview, savings?: Savings): string {
  const lines = [`# Lifecycle policy preview: ${escapeMarkdown(repository)}`, ''];
  if (preview.status !== 'COMPLETE') lines.push(`Status: ${escapeMarkdown(preview.status ?? 'unknown')}`, '');
  const results = [...preview.previewResults].sort((a, b) => (a.appliedRulePriority ?? 0) - (b.appliedRulePriority ?? 0));
  if (savings) {
    lines.push(
      `${images(savings.expiring.count)} would expire (${formatBytes(savings.expiring.bytes)} freed) and ${images(savings.archiving.count)} ` +
        `would move to the archive (${formatBytes(savings.archiving.bytes)}): about **${formatUsd(savings.monthlySaving)} a month** less storage cost.`,
      '',
    );
  } else lines.push(`${images(results.length)} would expire.`, '');
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
