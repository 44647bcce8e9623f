// The findings view: an image's scan findings as markdown, grouped by severity. Every string
// from ECR is escaped; links only for http(s). No vscode import (unit-tested).
import { Finding, formatCounts, severityCounts, SEVERITIES, sortFindings } from '../core/findings';
import { INVALID_DATE, isoDate } from '../core/dates';
import { digestCode, escapeMarkdown, markdownLink } from '../core/markdown';

export interface FindingsHeader {
  readonly image: string;
  readonly digest?: string;
  readonly status?: string;
  readonly statusDescription?: string;
  readonly completedAt?: Date;
}

export function findingsMarkdown(header: FindingsHeader, findings: readonly Finding[]): string {
  const counts = severityCounts(findings);
  const lines = [`# Scan findings: ${escapeMarkdown(header.image)}`, ''];
  if (header.digest) lines.push(`Digest: ${digestCode(header.digest)}`, '');
  lines.push(`Scan status: **${escapeMarkdown(header.status ?? 'not scanned')}**${header.statusDescription ? ` - ${escapeMarkdown(header.statusDescription)}` : ''}`);
  if (header.completedAt) lines.push(`, completed ${isoDate(header.completedAt) ?? INVALID_DATE}`);
  lines.push('', findings.length === 0 ? 'No findings.' : `**${findings.length}** finding${findings.length === 1 ? '' : 's'}: ${formatCounts(counts)}`, '');
  const sorted = sortFindings(findings);
  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`## ${severity} (${group.length})`, '', '| Vulnerability | Package | Installed | Fixed in | Score |', '| --- | --- | --- | --- | --- |');
    for (const f of group) {
      lines.push(`| ${markdownLink(f.id, f.url)} | ${cell(f.packageName)} | ${cell(f.packageVersion)} | ${cell(f.fixedIn) || 'no fix yet'} | ${f.score ?? ''} |`);
    }
    lines.push('');
    for (const f of group.filter((g) => g.description || g.title)) {
      lines.push(`**${escapeMarkdown(f.id)}**${f.title && f.title !== f.id ? ` - ${escapeMarkdown(f.title)}` : ''}`, '');
      if (f.description) lines.push(escapeMarkdown(f.description).replace(/\n+/g, ' '), '');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A table cell: escaped, and no line breaks or pipes that would end the row. */
function cell(text: string | undefined): string {
  return text ? escapeMarkdown(text).replace(/\n/g, ' ') : '';
}
