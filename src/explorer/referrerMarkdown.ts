// A referrer (signature, SBOM, attestation) as a readable document: what it is, what it refers to,
// its annotations, an SBOM's packages, and its manifest. Every string from the registry is escaped.
// No vscode import (unit-tested).
import { INVALID_DATE, isoDate } from '../core/dates';
import { digestCode, escapeMarkdown } from '../core/markdown';
import { artifactKind, type SbomContents } from '../core/referrers';
import { formatBytes } from './format';
import type { ReferrerRow } from './nodes';

export interface ReferrerDocument {
  readonly referrer: ReferrerRow;
  /** The image it refers to, e.g. "web:v1" (as the explorer names it). */
  readonly subject: string;
  readonly subjectDigest?: string;
  readonly manifest: string;
  /** An SBOM's packages; undefined for other artifacts. */
  readonly sbom?: SbomContents;
  /** Why an SBOM's packages could not be read. */
  readonly sbomProblem?: string;
}

export const MAX_PACKAGES_SHOWN = 500;

export function referrerMarkdown(doc: ReferrerDocument): string {
  const { referrer } = doc;
  const kind = artifactKind(referrer.artifactType);
  const lines = [`# ${kind.label} of ${escapeMarkdown(doc.subject)}`, ''];
  lines.push('| | |', '| --- | --- |');
  lines.push(`| Artifact type | ${cell(referrer.artifactType ?? 'none')} |`);
  lines.push(`| Digest | ${digestCode(referrer.digest)} |`);
  lines.push(`| Size | ${referrer.size === undefined ? '?' : `${referrer.size.toLocaleString('en-US')} bytes (${formatBytes(referrer.size)})`} |`);
  lines.push(`| Pushed | ${referrer.pushedAt ? (isoDate(referrer.pushedAt) ?? INVALID_DATE) : 'unknown'} |`);
  if (doc.subjectDigest) lines.push(`| Refers to | ${digestCode(doc.subjectDigest)} |`);
  lines.push('');
  const annotations = Object.entries(referrer.annotations ?? {});
  if (annotations.length > 0) {
    lines.push('## Annotations', '', '| Key | Value |', '| --- | --- |');
    for (const [key, value] of annotations) lines.push(`| ${cell(key)} | ${cell(value)} |`);
    lines.push('');
  }
  if (doc.sbom) {
    const { packages, format } = doc.sbom;
    lines.push(`## Packages (${packages.length}, ${format})`, '');
    if (packages.length === 0) lines.push('The SBOM lists no packages.', '');
    else {
      lines.push('| Package | Version | Package URL |', '| --- | --- | --- |');
      for (const p of packages.slice(0, MAX_PACKAGES_SHOWN)) lines.push(`| ${cell(p.name)} | ${cell(p.version ?? '')} | ${cell(p.purl ?? '')} |`);
      if (packages.length > MAX_PACKAGES_SHOWN) lines.push('', `and ${packages.length - MAX_PACKAGES_SHOWN} more`);
      lines.push('');
    }
  } else if (doc.sbomProblem) {
    lines.push('## Packages', '', `The SBOM could not be read: ${escapeMarkdown(doc.sbomProblem)}`, '');
  }
  lines.push('## Manifest', '', ...codeBlock(prettyJson(doc.manifest), 'json'));
  return `${lines.join('\n')}\n`;
}

/** A fenced block whose fence is longer than any backtick run inside, so the text cannot end it. */
function codeBlock(text: string, language: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, text, fence];
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, ' ');
}
