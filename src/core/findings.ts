// Normalises ECR DescribeImageScanFindings results, basic scanning (`findings`) and enhanced scanning
// (`enhancedFindings`, Amazon Inspector), into one Finding shape for the tree, hovers and diagnostics.
// Input types mirror the ECR response; everything is optional because it comes from the network.

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly title?: string;
  readonly description?: string;
  readonly url?: string;
  readonly packageName?: string;
  readonly packageVersion?: string;
  readonly fixedIn?: string;
  readonly score?: number;
}

export interface EcrAttribute {
  readonly key?: string;
  readonly value?: string;
}

/** `imageScanFindings.findings[]` of basic scanning. */
export interface EcrBasicFinding {
  readonly name?: string;
  readonly description?: string;
  readonly uri?: string;
  readonly severity?: string;
  readonly attributes?: readonly EcrAttribute[];
}

export interface EcrVulnerablePackage {
  readonly name?: string;
  readonly version?: string;
  readonly fixedInVersion?: string;
  readonly epoch?: number;
  readonly release?: string;
  readonly packageManager?: string;
}

/** `imageScanFindings.enhancedFindings[]` of enhanced scanning. */
export interface EcrEnhancedFinding {
  readonly findingArn?: string;
  readonly title?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly score?: number;
  readonly status?: string;
  readonly type?: string;
  readonly packageVulnerabilityDetails?: {
    readonly vulnerabilityId?: string;
    readonly sourceUrl?: string;
    readonly source?: string;
    readonly vendorSeverity?: string;
    readonly referenceUrls?: readonly string[];
    readonly vulnerablePackages?: readonly EcrVulnerablePackage[];
    readonly cvss?: readonly { readonly baseScore?: number; readonly scoringVector?: string; readonly source?: string; readonly version?: string }[];
  };
  readonly remediation?: { readonly recommendation?: { readonly text?: string; readonly url?: string } };
}

export interface EcrImageScanFindings {
  readonly findings?: readonly EcrBasicFinding[];
  readonly enhancedFindings?: readonly EcrEnhancedFinding[];
  readonly findingSeverityCounts?: Readonly<Record<string, number>>;
}

export interface EcrDescribeImageScanFindingsOutput {
  readonly imageScanFindings?: EcrImageScanFindings;
  readonly imageScanStatus?: { readonly status?: string; readonly description?: string };
}

/** A severity name from ECR in any case; anything unknown is UNDEFINED. */
export function toSeverity(value: unknown): Severity {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNDEFINED';
}

/** Higher is more severe: CRITICAL 5 ... UNDEFINED 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Whether `severity` reaches the threshold `min` (e.g. HIGH reaches MEDIUM). */
export function atLeast(severity: Severity, min: Severity): boolean {
  return severityRank(severity) >= severityRank(min);
}

/** All findings of a response (or of its `imageScanFindings`), basic and enhanced. */
export function normaliseFindings(input: EcrDescribeImageScanFindingsOutput | EcrImageScanFindings | undefined): Finding[] {
  const scan: EcrImageScanFindings | undefined = input && 'imageScanFindings' in input ? input.imageScanFindings : (input as EcrImageScanFindings | undefined);
  const basic = asArray(scan?.findings).map(fromBasic);
  const enhanced = asArray(scan?.enhancedFindings).map(fromEnhanced);
  return [...basic, ...enhanced];
}

export function fromBasic(finding: EcrBasicFinding): Finding {
  const attribute = (key: string): string | undefined => text(asArray(finding.attributes).find((a) => a?.key === key)?.value);
  const score = numberOf(attribute('CVSS3_SCORE')) ?? numberOf(attribute('CVSS2_SCORE'));
  return compact({
    id: text(finding.name) ?? 'unnamed finding',
    severity: toSeverity(finding.severity),
    title: text(finding.name),
    description: text(finding.description),
    url: text(finding.uri),
    packageName: attribute('package_name'),
    packageVersion: attribute('package_version'),
    score,
  });
}

/** One Finding per enhanced finding; the package is the first vulnerable package listed. */
export function fromEnhanced(finding: EcrEnhancedFinding): Finding {
  const details = finding.packageVulnerabilityDetails;
  const pkg = asArray(details?.vulnerablePackages)[0];
  const cvssScore = asArray(details?.cvss).map((c) => numberOf(c?.baseScore)).find((s) => s !== undefined);
  return compact({
    id: text(details?.vulnerabilityId) ?? text(finding.title) ?? text(finding.findingArn) ?? 'unnamed finding',
    severity: toSeverity(finding.severity),
    title: text(finding.title),
    description: text(finding.description),
    url: text(details?.sourceUrl) ?? text(finding.remediation?.recommendation?.url),
    packageName: text(pkg?.name),
    packageVersion: text(pkg?.version),
    fixedIn: text(pkg?.fixedInVersion),
    score: numberOf(finding.score) ?? cvssScore,
  });
}

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNDEFINED: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Most severe first, then highest score, then id for a stable order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id),
  );
}

const LETTERS: Record<Severity, string> = { CRITICAL: 'C', HIGH: 'H', MEDIUM: 'M', LOW: 'L', INFORMATIONAL: 'I', UNDEFINED: 'U' };

/** Compact counts as the tree shows them, e.g. `C2 H5 M1`; zero counts are left out, "" when none. */
export function formatCounts(counts: Partial<Record<Severity, number>>): string {
  return SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0)
    .map((severity) => `${LETTERS[severity]}${counts[severity]}`)
    .join(' ');
}

function asArray<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Drops undefined fields so results compare cleanly with deepEqual. */
function compact(finding: Finding): Finding {
  return Object.fromEntries(Object.entries(finding).filter(([, value]) => value !== undefined)) as unknown as Finding;
}
