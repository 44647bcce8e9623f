// Gathers what the policy needs to know about each image reference of a file: the same lookups as
// hovers and diagnostics (classify, ImageResolver), plus findings and repository settings only when
// the file's rules need them. No vscode import: used by the editor and by the CLI.
import { parseImageRef } from '../core/imageRef';
import type { ImageState, ReferenceFacts } from '../core/policy';
import type { SigningFacts } from '../core/referrers';
import type { ImageReference } from '../core/scanners/types';
import type { Classified } from '../language/classify';
import type { ImageTarget } from '../language/links';
import type { FindingsOutcome, LookupOutcome, RegistryLabel } from '../language/outcome';
import type { LookupRequest } from '../language/resolver';

export interface FactSources {
  classify(reference: ImageReference): Classified;
  lookup(requests: readonly LookupRequest[]): Promise<LookupOutcome[]>;
  findings(target: ImageTarget): Promise<FindingsOutcome>;
  /** Whether the image's repository has immutable tags; undefined when it cannot be told. */
  immutableTags(target: ImageTarget): Promise<boolean | undefined>;
  /** The image's signatures and signing status. */
  signing(target: ImageTarget): Promise<SigningFacts>;
}

export interface FactsWanted {
  readonly findings: boolean;
  readonly repository: boolean;
  readonly signing?: boolean;
}

export async function gatherFacts(references: readonly ImageReference[], sources: FactSources, wanted: FactsWanted): Promise<ReferenceFacts[]> {
  const classified = references.map((reference) => ({ reference, classified: sources.classify(reference) }));
  const lookups = classified.filter((c): c is { reference: ImageReference; classified: LookupRequest } => c.classified.kind === 'lookup');
  const outcomes = lookups.length > 0 ? await sources.lookup(lookups.map((l) => l.classified)) : [];
  const byReference = new Map(lookups.map((l, i) => [l.reference, outcomes[i]]));
  const facts = classified.map(async ({ reference, classified: c }): Promise<ReferenceFacts | undefined> => {
    const base = { range: reference.range, text: reference.text };
    if (c.kind === 'lookup') {
      const outcome = byReference.get(reference) as LookupOutcome;
      const accountId = outcome.kind === 'found' ? (outcome.registry.accountId ?? c.ecr?.accountId) : c.ecr?.accountId;
      return { ...base, ref: c.ref, ...(accountId && { accountId }), state: await stateOf(outcome, sources, wanted) };
    }
    if (c.kind !== 'notEcr') return undefined; // ignored, unresolved or malformed: other diagnostics say so
    const parsed = parseImageRef((reference.resolved ?? reference.text).trim());
    return parsed.ok ? { ...base, ref: parsed.ref, state: { kind: 'notLookedUp' } } : undefined;
  });
  return (await Promise.all(facts)).filter((f): f is ReferenceFacts => f !== undefined);
}

async function stateOf(outcome: LookupOutcome, sources: FactSources, wanted: FactsWanted): Promise<ImageState> {
  if (outcome.kind !== 'found') return { kind: 'unavailable', reason: unavailableReason(outcome) };
  const { image, target } = outcome;
  const [findings, immutableTags, signing] = await Promise.all([
    wanted.findings ? sources.findings(target) : undefined,
    wanted.repository ? sources.immutableTags(target) : undefined,
    wanted.signing ? sources.signing(target) : undefined,
  ]);
  const scanned = findings?.kind === 'scan' ? findings : undefined;
  return {
    kind: 'found',
    repository: outcome.repository,
    name: target.tag ? `${target.repository}:${target.tag}` : `${target.repository}@${target.digest}`,
    digest: target.digest,
    pushedAt: image.imagePushedAt,
    scan: {
      status: scanned?.status ?? image.imageScanStatus?.status,
      description: scanned?.description ?? image.imageScanStatus?.description,
      completedAt: scanned?.completedAt ?? image.imageScanFindingsSummary?.imageScanCompletedAt,
    },
    ...(scanned && { findings: scanned.findings }),
    ...(immutableTags !== undefined && { immutableTags }),
    ...(signing && { signing }),
  };
}

function unavailableReason(outcome: Exclude<LookupOutcome, { kind: 'found' }>): string {
  switch (outcome.kind) {
    case 'noRegistry':
      return outcome.accountId ? `no configured registry serves account ${outcome.accountId} (${outcome.region ?? '?'})` : `no configured registry serves ${outcome.host}`;
    case 'untrustedAccount':
      return `account ${outcome.accountId} is not looked up in Restricted Mode`;
    case 'problem':
      return `${registryText(outcome.registry)}: ${outcome.problem.message}`;
    case 'repositoryNotFound':
      return `repository "${outcome.repository}" does not exist in ${registryText(outcome.registry)}`;
    case 'imageNotFound':
      return `"${outcome.wanted}" not found in repository "${outcome.repository}"`;
  }
}

function registryText(registry: RegistryLabel): string {
  return registry.accountId ? `registry ${registry.accountId} (${registry.region})` : registry.label;
}
