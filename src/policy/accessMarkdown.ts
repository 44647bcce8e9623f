// The "who can access" summary as a markdown table; every piece of policy text is escaped.
import { escapeMarkdown } from '../core/markdown';
import { whoCanAccess, type AccessSummary } from './access';
import { checkPolicy } from './document';

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

/** The table for a policy's text as stored in ECR: none, unreadable (with the reasons) or the summary. */
export function policyTextAccessMarkdown(policyText: string | undefined): string {
  if (policyText === undefined) return 'No repository policy: only principals of the registry\'s own account whose IAM policies allow it.';
  const check = checkPolicy(policyText);
  if (!check.ok) return `The policy could not be read: ${cell(check.problems.join(' '))}`;
  return accessMarkdown(whoCanAccess(check.policy));
}
