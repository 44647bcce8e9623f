// Turns lookup outcomes into plain diagnostics (range, severity, message, code); the vscode
// adapter in diagnostics.ts only converts them. No vscode import (unit-tested).
import { atLeast, formatCounts, Severity, SeverityCounts, SEVERITIES, toSeverity } from '../core/findings';
import type { TextRange } from '../core/scanners';
import { commandUri, ImageTarget, LANGUAGE_COMMANDS } from './links';
import type { Outcome, RegistryLabel } from './outcome';
import { shortDigest } from '../core/imageRef';
import { isoDate } from '../core/dates';
import type { TaggedImage } from '../core/versionTag';

export type DiagnosticKind = 'vulnerabilities' | 'notFound' | 'notScanned' | 'malformed' | 'registry';
export const DIAGNOSTIC_KINDS: readonly DiagnosticKind[] = ['vulnerabilities', 'notFound', 'notScanned', 'malformed', 'registry'];

export interface DiagnosticSettings {
  readonly minimumSeverity: Severity;
  readonly enabled: Readonly<Record<DiagnosticKind, boolean>>;
  /** `ecr.diagnostics.newerImage`: a hint where a newer version of the tag is in the repository (off by default). */
  readonly newerImage?: boolean;
}

/** The code of the "newer version available" hint; its quick fix updates the tag. */
export const NEWER_IMAGE_CODE = 'newer-image';

export interface PlainDiagnostic {
  readonly range: TextRange;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly kind: DiagnosticKind | 'newerImage';
  /** `target` is a command URI that opens the image's findings. */
  readonly code: string | { readonly value: string; readonly target: string };
  /** The image, for quick fixes (pin, scan, reveal). */
  readonly image?: ImageTarget;
}

export interface ReferenceOutcome {
  readonly range: TextRange;
  readonly outcome: Outcome;
  /** A newer version of the reference's tag (asked only when `newerImage` is on). */
  readonly newer?: TaggedImage;
}

/** One diagnostic per problem reference; a failing registry only on its first reference. */
export function buildDiagnostics(items: readonly ReferenceOutcome[], settings: DiagnosticSettings): PlainDiagnostic[] {
  const out: PlainDiagnostic[] = [];
  const reportedRegistries = new Set<string>();
  for (const { range, outcome, newer } of items) {
    const diagnostic = diagnosticFor(range, outcome, settings, reportedRegistries);
    if (diagnostic && diagnostic.kind !== 'newerImage' && settings.enabled[diagnostic.kind]) out.push(diagnostic);
    if (newer && settings.newerImage && outcome.kind === 'found') out.push(newerDiagnostic(range, outcome.target, newer));
  }
  return out;
}

function newerDiagnostic(range: TextRange, target: ImageTarget, newer: TaggedImage): PlainDiagnostic {
  const pushed = isoDate(newer.pushedAt);
  return {
    range,
    severity: 'hint',
    kind: 'newerImage',
    code: NEWER_IMAGE_CODE,
    message: `A newer version of ${imageName(target)} is in the repository: ${newer.tag}${pushed ? ` (pushed ${pushed})` : ''}.`,
    image: target,
  };
}

function diagnosticFor(range: TextRange, outcome: Outcome, settings: DiagnosticSettings, reportedRegistries: Set<string>): PlainDiagnostic | undefined {
  switch (outcome.kind) {
    case 'malformed':
      return { range, severity: 'error', kind: 'malformed', code: 'malformed-reference', message: `Invalid ECR image reference: ${outcome.reason}.` };
    case 'problem': {
      // Once per registry; another account's read through it is a registry of its own (its policy may refuse).
      const key = outcome.registry.through ? `${outcome.registry.id}\0${outcome.registry.accountId ?? ''}` : outcome.registry.id;
      if (reportedRegistries.has(key)) return undefined;
      reportedRegistries.add(key);
      const whose = outcome.registry.through ? registryText(outcome.registry) : outcome.registry.label;
      return { range, severity: 'warning', kind: 'registry', code: outcome.problem.kind, message: `ECR images of ${whose} cannot be checked: ${outcome.problem.message}` };
    }
    case 'repositoryNotFound':
      return { range, severity: 'error', kind: 'notFound', code: 'repository-not-found', message: `Repository "${outcome.repository}" does not exist in ${registryText(outcome.registry)}.` };
    case 'imageNotFound':
      return {
        range,
        severity: 'error',
        kind: 'notFound',
        code: 'image-not-found',
        message: `${outcome.wanted.includes(':') ? 'Image' : 'Tag'} "${outcome.wanted}" not found in repository "${outcome.repository}" (${registryText(outcome.registry)}).`,
      };
    case 'found':
      return scanDiagnostic(range, outcome.target, outcome.image.imageScanStatus, outcome.image.imageScanFindingsSummary?.findingSeverityCounts, settings);
    default:
      return undefined;
  }
}

function scanDiagnostic(
  range: TextRange,
  target: ImageTarget,
  status: { status?: string; description?: string } | undefined,
  rawCounts: Record<string, number> | undefined,
  settings: DiagnosticSettings,
): PlainDiagnostic | undefined {
  const name = imageName(target);
  const scanState = status?.status;
  if (scanState === undefined) return { range, severity: 'information', kind: 'notScanned', code: 'not-scanned', message: `${name} has not been scanned.`, image: target };
  if (scanState === 'IN_PROGRESS' || scanState === 'PENDING') {
    return { range, severity: 'information', kind: 'notScanned', code: 'scan-in-progress', message: `The scan of ${name} is in progress.`, image: target };
  }
  if (scanState !== 'COMPLETE' && scanState !== 'ACTIVE') {
    const why = status?.description ? `: ${status.description}` : '';
    return { range, severity: 'information', kind: 'notScanned', code: 'scan-failed', message: `The scan of ${name} did not complete (${scanState})${why}.`, image: target };
  }
  const counts = countsAtLeast(rawCounts ?? {}, settings.minimumSeverity);
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) return undefined;
  return {
    range,
    severity: 'warning',
    kind: 'vulnerabilities',
    code: { value: 'vulnerabilities', target: commandUri(LANGUAGE_COMMANDS.showFindings, target) },
    message: `${total} ${total === 1 ? 'vulnerability' : 'vulnerabilities'} at ${settings.minimumSeverity} or above in ${name} (${formatCounts(counts)})`,
    image: target,
  };
}

/** Counts of ECR's `findingSeverityCounts` at or above `min`, others zero. */
export function countsAtLeast(raw: Readonly<Record<string, number>>, min: Severity): SeverityCounts {
  const counts: SeverityCounts = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNDEFINED: 0 };
  for (const [name, count] of Object.entries(raw)) {
    const severity = toSeverity(name);
    if (atLeast(severity, min) && Number.isFinite(count)) counts[severity] += count;
  }
  return counts;
}

/** `repo:tag`, or `repo@sha256:0123456789ab` without a tag. */
export function imageName(target: ImageTarget): string {
  return target.tag ? `${target.repository}:${target.tag}` : `${target.repository}@${shortDigest(target.digest)}`;
}

function registryText(registry: RegistryLabel): string {
  if (registry.through) return `account ${registry.accountId ?? '?'} (${registry.region}), read through ${registry.label}`;
  return registry.accountId ? `registry ${registry.accountId} (${registry.region})` : registry.label;
}
