// The "who can access" summary as a markdown table; every piece of policy text is escaped.
import { escapeMarkdown } from '../core/markdown';
import type { AccessSummary } from './access';

const cell = (text: string): string => escapeMarkdown(text.replace(/\s+/g, ' ')) || '—';

export function accessMarkdown(summary: AccessSummary): string {
  if (summary.rows.length === 0 && summary.notUnderstood.length === 0) return 'The policy grants nothing.';
  const lines = [
    '| Principal | Allowed | Denied | Conditions |',
    '|---|---|---|---|',
    ...summary.rows.map((row) => `| ${cell(row.principal)} | ${cell(row.allowed.join(', '))} | ${cell(row.denied.join(', '))} | ${cell(row.conditions)} |`),
  ];
  for (const note of summary.notUnderstood) lines.push('', `*Not understood:* ${cell(note)}`);
  return lines.join('\n');
}
