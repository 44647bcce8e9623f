// What an image's referrers are (signature, SBOM, attestation by artifact type), whether the image
// counts as signed, and the packages an SBOM lists. Pure: no vscode, no AWS.

export type ArtifactCategory = 'signature' | 'sbom' | 'attestation' | 'other';

export interface ArtifactKind {
  readonly category: ArtifactCategory;
  /** For rows and documents, e.g. "Signature (Notation)". */
  readonly label: string;
}

const KNOWN: readonly { readonly test: RegExp; readonly kind: ArtifactKind }[] = [
  { test: /^application\/vnd\.cncf\.notary\.signature$/, kind: { category: 'signature', label: 'Signature (Notation)' } },
  { test: /^application\/vnd\.dev\.(cosign\.artifact\.sig|sigstore\.bundle)[.+\w-]*$/, kind: { category: 'signature', label: 'Signature (Cosign)' } },
  { test: /^(application\/spdx\+json|text\/spdx|application\/spdx)$/, kind: { category: 'sbom', label: 'SBOM (SPDX)' } },
  { test: /^application\/vnd\.cyclonedx(\+json|\+xml)?$/, kind: { category: 'sbom', label: 'SBOM (CycloneDX)' } },
  { test: /^application\/vnd\.(in-toto|dsse\.envelope)[.+\w-]*$/, kind: { category: 'attestation', label: 'Attestation (in-toto)' } },
];

export function artifactKind(artifactType: string | undefined): ArtifactKind {
  const known = KNOWN.find((k) => k.test.test(artifactType ?? ''));
  return known?.kind ?? { category: 'other', label: 'Attestation' };
}

/** Signatures first, then SBOMs, attestations and anything else. */
export function categoryOrder(category: ArtifactCategory): number {
  return ['signature', 'sbom', 'attestation', 'other'].indexOf(category);
}

/** What is known about an image's signatures. */
export interface SigningFacts {
  /** Labels of its signature referrers, e.g. ["Signature (Notation)"]; undefined when they could not be listed. */
  readonly signatures?: readonly string[];
  /** ECR managed signing's status per profile; undefined when the registry does not report one. */
  readonly statuses?: readonly { readonly signingProfileArn?: string; readonly status?: string; readonly failureReason?: string }[];
  /** Why the signatures are unknown (the registry lists no referrers, access denied...). */
  readonly signaturesProblem?: string;
  /** Why the managed signing status is unknown. */
  readonly statusProblem?: string;
}

/** Signed: a signature referrer exists, or ECR managed signing completed for some profile. */
export function isSigned(facts: SigningFacts): boolean {
  return (facts.signatures?.length ?? 0) > 0 || (facts.statuses ?? []).some((s) => s.status === 'COMPLETE');
}

/** Plain lines for tooltips and hovers (the caller escapes them for markdown). */
export function signingLines(facts: SigningFacts): string[] {
  const lines: string[] = [];
  const signatures = facts.signatures ?? [];
  if (signatures.length > 0) lines.push(`Signed: ${[...new Set(signatures)].sort().join(', ')}`);
  for (const s of facts.statuses ?? []) {
    const profile = s.signingProfileArn?.split('/').pop() ?? 'unknown profile';
    lines.push(`Signing (${profile}): ${s.status ?? 'unknown'}${s.failureReason ? ` - ${s.failureReason}` : ''}`);
  }
  if (lines.length === 0 && facts.signatures) lines.push('Not signed');
  if (facts.signaturesProblem) lines.push(`Signatures unknown: ${facts.signaturesProblem}`);
  if (facts.statusProblem) lines.push(`Signing status unknown: ${facts.statusProblem}`);
  return lines;
}

export interface SbomPackage {
  readonly name: string;
  readonly version?: string;
  readonly purl?: string;
}

export interface SbomContents {
  readonly format: 'SPDX' | 'CycloneDX';
  readonly packages: readonly SbomPackage[];
}

/** The packages of an SPDX or CycloneDX JSON document; undefined when the text is neither. */
export function sbomPackages(text: string): SbomContents | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const doc = parsed as Record<string, unknown>;
  if (typeof doc.spdxVersion === 'string') {
    const packages = list(doc.packages).flatMap((raw): SbomPackage[] => {
      const p = raw as Record<string, unknown>;
      if (typeof p.name !== 'string') return [];
      const purl = list(p.externalRefs).map((r) => r as Record<string, unknown>).find((r) => r.referenceType === 'purl')?.referenceLocator;
      return [{ name: p.name, ...text_('version', p.versionInfo), ...text_('purl', purl) }];
    });
    return { format: 'SPDX', packages };
  }
  if (doc.bomFormat === 'CycloneDX') {
    const packages: SbomPackage[] = [];
    const walk = (components: unknown, depth: number): void => {
      for (const raw of list(components)) {
        const c = raw as Record<string, unknown>;
        if (typeof c.name === 'string') packages.push({ name: c.name, ...text_('version', c.version), ...text_('purl', c.purl) });
        if (depth < 8) walk(c.components, depth + 1);
      }
    };
    walk(doc.components, 0);
    return { format: 'CycloneDX', packages };
  }
  return undefined;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'object' && v !== null) : []);

function text_<K extends 'version' | 'purl'>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}
