// Scan findings in ECR's exact response shapes, built from the seed (seed/findings.json).
import { createHash } from 'node:crypto';
import findingsSeed from './seed/findings.json';
import type { ImageInfo } from './imageIndex';
import type { Repository, ScanRecord } from './model';
import { epoch } from './api/params';

interface BasicSeed {
  readonly name: string;
  readonly description: string;
  readonly uri: string;
  readonly severity: string;
  readonly attributes: readonly { key: string; value: string }[];
}

interface EnhancedSeed {
  readonly severity: string;
  readonly title: string;
  readonly description: string;
  readonly score: number;
  readonly fixAvailable: string;
  readonly exploitAvailable: string;
  readonly vulnerabilityId: string;
  readonly package: {
    readonly name: string; readonly version: string; readonly release?: string; readonly epoch?: number;
    readonly arch?: string; readonly packageManager: string; readonly filePath?: string; readonly fixedInVersion?: string;
  };
  readonly cvss?: { readonly baseScore: number; readonly scoringVector: string; readonly version: string; readonly source: string };
  readonly remediation: string;
}

interface FindingsSeed {
  readonly vulnerabilitySourceUpdatedAt: string;
  readonly sets: Record<string, { readonly basic: readonly BasicSeed[]; readonly enhanced: readonly EnhancedSeed[] }>;
}

const seed = findingsSeed as unknown as FindingsSeed;
const sourceUpdatedAt = new Date(seed.vulnerabilitySourceUpdatedAt);

function setOf(name: string): FindingsSeed['sets'][string] {
  return seed.sets[name] ?? seed.sets.full;
}

/** Findings of a completed scan: `findings` (basic) or `enhancedFindings` (enhanced). */
export function scanFindings(repo: Repository, image: ImageInfo, scan: ScanRecord): object[] {
  const set = setOf(scan.findingsSet);
  if (scan.type === 'BASIC') return set.basic.map((finding) => ({ ...finding }));
  const at = epoch(scan.completedAt ?? new Date());
  const { accountId, region } = repo.registry;
  return set.enhanced.map((f) => ({
    awsAccountId: accountId,
    description: f.description,
    findingArn: `arn:aws:inspector2:${region}:${accountId}:finding/${createHash('sha256').update(`${image.digest}/${f.vulnerabilityId}`).digest('hex').slice(0, 32)}`,
    firstObservedAt: at,
    lastObservedAt: at,
    updatedAt: at,
    packageVulnerabilityDetails: {
      cvss: f.cvss ? [{ baseScore: f.cvss.baseScore, scoringVector: f.cvss.scoringVector, source: f.cvss.source, version: f.cvss.version }] : [],
      referenceUrls: [`https://nvd.nist.gov/vuln/detail/${f.vulnerabilityId}`],
      relatedVulnerabilities: [],
      source: f.package.packageManager === 'OS' ? 'DEBIAN_CVE' : 'NVD',
      sourceUrl: `https://security-tracker.debian.org/tracker/${f.vulnerabilityId}`,
      vendorCreatedAt: epoch(sourceUpdatedAt),
      vendorSeverity: f.severity === 'UNTRIAGED' ? 'unimportant' : f.severity.toLowerCase(),
      vendorUpdatedAt: epoch(sourceUpdatedAt),
      vulnerabilityId: f.vulnerabilityId,
      vulnerablePackages: [{ ...f.package, sourceLayerHash: firstLayer(image) }],
    },
    remediation: { recommendation: { text: f.remediation } },
    resources: [
      {
        id: `arn:aws:ecr:${region}:${accountId}:repository/${repo.name}/${image.digest}`,
        type: 'AWS_ECR_CONTAINER_IMAGE',
        tags: {},
        details: {
          awsEcrContainerImage: {
            architecture: 'amd64',
            imageHash: image.digest,
            imageTags: [...image.tags],
            platform: 'DEBIAN_12',
            pushedAt: epoch(image.pushedAt),
            registry: accountId,
            repositoryName: repo.name,
          },
        },
      },
    ],
    score: f.score,
    scoreDetails: f.cvss
      ? { cvss: { adjustments: [], score: f.cvss.baseScore, scoreSource: f.cvss.source, scoringVector: f.cvss.scoringVector, version: f.cvss.version } }
      : undefined,
    severity: f.severity,
    status: 'ACTIVE',
    title: f.title,
    type: 'PACKAGE_VULNERABILITY',
    fixAvailable: f.fixAvailable,
    exploitAvailable: f.exploitAvailable,
  }));
}

export function severityCounts(scan: ScanRecord): Record<string, number> {
  const set = setOf(scan.findingsSet);
  const counts: Record<string, number> = {};
  for (const finding of scan.type === 'BASIC' ? set.basic : set.enhanced) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

export const vulnerabilitySourceUpdatedAt = (): number => epoch(sourceUpdatedAt);

function firstLayer(image: ImageInfo): string {
  try {
    const manifest = JSON.parse(image.manifest.toString()) as { layers?: { digest: string }[] };
    return manifest.layers?.[0]?.digest ?? image.digest;
  } catch {
    return image.digest;
  }
}
