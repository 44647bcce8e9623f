// The hover over an image reference, as markdown. Every string from the document or the network
// is escaped; links are http(s) (findings) or our own commands built by links.ts.
// No vscode import (unit-tested).
import { INVALID_DATE, isoDate } from '../core/dates';
import { Finding, formatCounts, severityCounts, sortFindings } from '../core/findings';
import { escapeMarkdown, markdownLink } from '../core/markdown';
import { signingLines, type SigningFacts } from '../core/referrers';
import type { TaggedImage } from '../core/versionTag';
import { formatBytes } from '../explorer/format';
import { commandLink, LANGUAGE_COMMANDS } from './links';
import type { FindingsOutcome, Outcome, RegistryLabel } from './outcome';

export const TOP_FINDINGS = 5;

/** What a hover may add about a found image: its signatures, a newer version of its tag. */
export interface HoverExtras {
  readonly signing?: SigningFacts;
  readonly newer?: TaggedImage;
}

/** Markdown for the hover, or undefined when there is nothing to say (not an ECR image). */
export function hoverMarkdown(outcome: Outcome, findings?: FindingsOutcome, suppressed: ReadonlySet<string> = new Set(), extras: HoverExtras = {}): string | undefined {
  switch (outcome.kind) {
    case 'ignored':
    case 'notEcr':
      return undefined;
    case 'unresolved':
      return `**ECR image** - not looked up: the reference ${escapeMarkdown(outcome.reason)}.`;
    case 'malformed':
      return `**ECR image** - invalid reference: ${escapeMarkdown(outcome.reason)}.`;
    case 'noRegistry':
      return outcome.accountId
        ? `**ECR image** - no configured registry for account ${escapeMarkdown(outcome.accountId)} in ${escapeMarkdown(outcome.region ?? '?')}; add a profile for it or an \`ecr.registries\` entry.`
        : `**ECR image** - no configured registry serves ${escapeMarkdown(outcome.host)}.`;
    case 'untrustedAccount':
      return `**ECR image** - not looked up: account ${escapeMarkdown(outcome.accountId)} is not one of your registries, and this folder is not trusted. In Restricted Mode only your own registries are asked; trust the folder to look up other accounts' images with your credentials.`;
    case 'problem':
      return `**ECR image** - ${registryLine(outcome.registry)}\n\nCannot be checked: ${escapeMarkdown(outcome.problem.message)}`;
    case 'repositoryNotFound':
      return `**ECR image** \`${code(outcome.repository)}\` - ${registryLine(outcome.registry)}\n\nRepository not found.`;
    case 'imageNotFound':
      return `**ECR image** \`${code(outcome.repository)}\` - ${registryLine(outcome.registry)}\n\n${escapeMarkdown(outcome.wanted)} not found in the repository.`;
    case 'found':
      return foundMarkdown(outcome, findings, suppressed, extras);
  }
}

function foundMarkdown(outcome: Extract<Outcome, { kind: 'found' }>, findings: FindingsOutcome | undefined, suppressed: ReadonlySet<string>, { signing, newer }: HoverExtras): string {
  const { image, target } = outcome;
  const lines: string[] = [];
  lines.push(`**ECR image** \`${code(target.repository)}\` - ${registryLine(outcome.registry)}`, '');
  const tagPart = target.tag ? `Tag \`${code(target.tag)}\` → ` : 'Digest ';
  lines.push(`${tagPart}\`${safeDigest(target.digest)}\``, '');
  const facts: string[] = [];
  if (image.imagePushedAt) facts.push(`pushed ${isoDate(image.imagePushedAt) ?? INVALID_DATE}`);
  if (image.imageSizeInBytes !== undefined) facts.push(`size ${formatBytes(image.imageSizeInBytes)}`);
  const otherTags = (image.imageTags ?? []).filter((t) => t !== target.tag);
  if (otherTags.length > 0) facts.push(`also tagged ${otherTags.slice(0, 5).map((t) => escapeMarkdown(t)).join(', ')}`);
  if (facts.length > 0) lines.push(capitalise(facts.join(' · ')), '');
  const signed = signing ? signingLines(signing) : [];
  if (signed.length > 0) lines.push(signed.map(escapeMarkdown).join('  \n'), '');
  if (newer) lines.push(newerLine(newer), '');
  lines.push(...scanLines(findings, image.imageScanStatus?.status, suppressed), '');
  const links = [
    commandLink('Show all findings', LANGUAGE_COMMANDS.showFindings, target),
    commandLink('Start scan', LANGUAGE_COMMANDS.scan, target),
    commandLink('Reveal in ECR view', LANGUAGE_COMMANDS.reveal, target),
    commandLink('Copy digest', LANGUAGE_COMMANDS.copyDigest, target),
  ];
  lines.push(links.join(' · '));
  return lines.join('\n');
}

/** "Newer version available: `v1.2.0`, pushed 2026-12-01T10:00:00Z". */
function newerLine(newer: TaggedImage): string {
  const pushed = newer.pushedAt ? `, pushed ${isoDate(newer.pushedAt) ?? INVALID_DATE}` : '';
  return `**Newer version available:** \`${code(newer.tag)}\`${pushed}`;
}

/** `suppressed`: ids of findings the workspace's policy suppresses, counted apart. */
function scanLines(findings: FindingsOutcome | undefined, statusFromImage: string | undefined, suppressed: ReadonlySet<string>): string[] {
  if (!findings) return [`Scan: ${escapeMarkdown(statusFromImage ?? 'not scanned')}`];
  if (findings.kind === 'notScanned') return ['Scan: **not scanned**'];
  if (findings.kind === 'problem') return [`Scan findings could not be read: ${escapeMarkdown(findings.problem.message)}`];
  const status = `Scan: **${escapeMarkdown(findings.status ?? 'unknown')}**${findings.completedAt ? ` ${isoDate(findings.completedAt) ?? INVALID_DATE}` : ''}`;
  const lines = [findings.description && findings.status !== 'COMPLETE' ? `${status} - ${escapeMarkdown(findings.description)}` : status];
  if (findings.status !== 'COMPLETE') return lines;
  if (findings.findings.length === 0) return [...lines, '', 'No findings.'];
  const counted = findings.findings.filter((f) => !suppressed.has(f.id));
  const apart = findings.findings.length - counted.length;
  const suppressedNote = apart > 0 ? ` · ${apart} suppressed by the policy` : '';
  lines.push('', `**${counted.length}** finding${counted.length === 1 ? '' : 's'}: ${formatCounts(severityCounts(counted))}${suppressedNote}`, '');
  lines.push('| Vulnerability | Severity | Package | Fixed in |', '| --- | --- | --- | --- |');
  for (const finding of sortFindings(findings.findings).slice(0, TOP_FINDINGS)) lines.push(findingRow(finding, suppressed.has(finding.id)));
  if (findings.findings.length > TOP_FINDINGS) lines.push('', `and ${findings.findings.length - TOP_FINDINGS} more`);
  return lines;
}

function findingRow(f: Finding, suppressed: boolean): string {
  const pkg = [f.packageName, f.packageVersion].filter((x): x is string => Boolean(x)).map(cell).join(' ');
  return `| ${markdownLink(f.id, f.url).replace(/\n/g, ' ')} | ${f.severity}${suppressed ? ' (suppressed)' : ''} | ${pkg} | ${f.fixedIn ? cell(f.fixedIn) : 'no fix yet'} |`;
}

/** "account 1111, us-east-1, profile dev"; the label only when there is no profile to name it. */
function registryLine(registry: RegistryLabel): string {
  // Another account's image: whose it is, then whose credentials read it.
  if (registry.through) return escapeMarkdown(`account ${registry.accountId ?? '?'}, ${registry.region}, through ${registry.label}`);
  const parts = [
    registry.profile ? undefined : registry.label,
    registry.accountId ? `account ${registry.accountId}` : undefined,
    registry.region,
    registry.profile ? `profile ${registry.profile}` : undefined,
  ];
  return escapeMarkdown(parts.filter(Boolean).join(', '));
}

/** Text inside an inline code span: backticks cannot be escaped there, so they go. */
function code(text: string): string {
  return text.replace(/[`\r\n]/g, '');
}

function safeDigest(digest: string): string {
  return /^[a-z0-9]+:[a-f0-9]+$/.test(digest) ? digest : code(digest);
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, ' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
