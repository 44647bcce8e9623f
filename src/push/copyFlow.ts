// What "Copy Image To..." and "Promote" share: the source and destination as reachable registries,
// the copy under one cancellable notification (blob progress aggregated), a missing destination
// repository offered for creation, and the announcement of the result.
import * as vscode from 'vscode';
import type { CopyProgress, CopyResult } from '../aws/imageCopy';
import type { EcrContext } from '../context';
import { parseImageRef, shortDigest } from '../core/imageRef';
import { imageLabel } from '../explorer/format';
import { registryNode, type ImageNode } from '../explorer/nodes';
import { loadAws } from '../lazy';
import { revealRepository } from './outcome';
import { hostOf, registryForHost, repositoryNameOf, type ReachableRegistry } from './registryAccess';
import { notify } from '../ui/logger';
import { readNetworkOptions } from '../ui/network';
import { withCancellableProgress, type RunHooks } from '../ui/progress';
import { createRepositoryIn } from '../commands/createRepository';

export interface CopyEnd {
  readonly registry: ReachableRegistry;
  readonly repository: string;
}

export interface CopySource extends CopyEnd {
  /** A digest or a tag. */
  readonly reference: string;
  /** For titles and messages, e.g. "team/app:v1". */
  readonly label: string;
  /** Tags the source image has (proposed for the copy). */
  readonly tags: readonly string[];
}

export interface CopyHooks extends RunHooks {
  /** Create a missing destination repository without asking (true) or refuse (false); default: ask. */
  readonly createRepository?: boolean;
}

/** The source from an image row: by digest, so a tag moving meanwhile changes nothing. */
export async function sourceOfNode(ctx: EcrContext, node: ImageNode): Promise<CopySource> {
  const entry = await ctx.model.connected(node.parent.parent.registry);
  if (!entry.api || !entry.info) throw new Error(`${entry.source.label} could not be reached.`);
  const repository = node.parent.repository.repositoryName ?? '';
  const digest = node.image.imageDigest ?? '';
  const tags = node.image.imageTags ?? [];
  return {
    registry: { node: registryNode(entry), api: entry.api, host: entry.info.host },
    repository,
    reference: digest,
    label: tags.length ? `${repository}:${tags[0]}` : `${repository}@${shortDigest(digest)}`,
    tags,
  };
}

/** The source from an image URI (host/repository:tag or @digest) of a reachable registry. */
export async function sourceOfUri(ctx: EcrContext, uri: string): Promise<CopySource> {
  const parsed = parseImageRef(uri.trim());
  if (!parsed.ok) throw new Error(`"${uri}" is not a valid image URI: ${parsed.reason}.`);
  const registry = await registryForHost(ctx, hostOf(uri.trim()));
  const repository = repositoryNameOf(uri.trim());
  const reference = parsed.ref.digest ?? parsed.ref.tag ?? 'latest';
  return {
    registry,
    repository,
    reference,
    label: parsed.ref.digest ? `${repository}@${shortDigest(parsed.ref.digest)}` : `${repository}:${reference}`,
    tags: parsed.ref.digest ? [] : [reference],
  };
}

/** Copies under one cancellable notification; a missing destination repository is created when allowed, then the copy runs. */
export async function runCopy(ctx: EcrContext, title: string, source: CopySource, destination: CopyEnd, tags: readonly string[], hooks: CopyHooks): Promise<CopyResult> {
  const aws = await loadAws();
  const network = readNetworkOptions();
  const from = await aws.registryClientFor(source.registry.api, network, source.registry.node.registry.source.profile);
  const to = await aws.registryClientFor(destination.registry.api, network, destination.registry.node.registry.source.profile);
  const where = `${destination.registry.host}/${destination.repository}`;
  ctx.log.info(`Copying ${source.registry.host}/${source.repository}@${source.reference} to ${where} (tags: ${tags.join(', ') || 'none'})`);
  const attempt = (): Promise<CopyResult> =>
    withCancellableProgress(title, hooks, (bar, signal) =>
      aws.copyImage({
        source: { api: source.registry.api, registry: from, repository: source.repository, reference: source.reference },
        destination: { api: destination.registry.api, registry: to, repository: destination.repository },
        tags,
        signal,
        onProgress: (p) => bar.report(progressText(p), progressPercent(p)),
      }),
    );
  try {
    try {
      return await attempt();
    } catch (error) {
      // Matched by name: the error comes from the separately loaded AWS bundle.
      if ((error as Error | undefined)?.name !== 'DestinationMissingError') throw error;
      const create =
        hooks.createRepository ??
        (await ctx.prompts.confirm(
          `The repository "${destination.repository}" does not exist in ${destination.registry.node.registry.source.label}. Create it and copy?`,
          'Create Repository',
          'It is created with mutable tags, AES-256 encryption and scan on push off; change them later from the repository.',
        ));
      if (!create) throw error;
      await createRepositoryIn(ctx, destination.registry.node, { name: destination.repository });
      return await attempt();
    }
  } finally {
    from.dispose();
    to.dispose();
  }
}

/** Refreshes the destination in the view and says what was copied, with Copy URI / Reveal; does not wait for a click. */
export function announceCopy(ctx: EcrContext, verb: string, source: CopySource, destination: CopyEnd, tags: readonly string[], result: CopyResult): string {
  ctx.model.refresh(destination.registry.node);
  const base = `${destination.registry.host}/${destination.repository}`;
  const uri = tags.length ? `${base}:${tags[0]}` : `${base}@${result.digest}`;
  const sent = result.retagged
    ? 'tagged in place'
    : [
        `${result.blobsUploaded} blob${result.blobsUploaded === 1 ? '' : 's'} sent (${megabytes(result.bytesUploaded)})`,
        result.blobsSkipped ? `${result.blobsSkipped} already there` : '',
        result.blobsMounted ? `${result.blobsMounted} linked in the registry` : '',
        result.platforms.length > 1 ? `${result.platforms.length} platforms` : '',
        result.referrers.length ? `${result.referrers.length} referrer${result.referrers.length === 1 ? '' : 's'} (${[...new Set(result.referrers.map((r) => referrerKind(r.artifactType)))].join(', ')})` : '',
      ].filter(Boolean).join(', ');
  if (!result.referrersListed) ctx.log.warn(`${source.registry.host} has no OCI referrers API: signatures and SBOMs of ${source.label}, if any, were not copied.`);
  const message = `${verb} ${source.label} to ${destination.repository}:${imageLabel(tags.length ? tags : undefined)} in ${destination.registry.node.registry.source.label} (${sent})`;
  ctx.log.info(`${message}; digest ${result.digest}`);
  void (async () => {
    const choice = await notify(undefined, 'information', message, 'Copy URI', 'Reveal in ECR Explorer');
    if (choice === 'Copy URI') await vscode.env.clipboard.writeText(uri);
    else if (choice === 'Reveal in ECR Explorer') await revealRepository(ctx, destination.registry.node, destination.repository);
  })();
  return message;
}

/** "signature", "SBOM", "attestation" or the artifact type itself, for messages. */
function referrerKind(artifactType: string | undefined): string {
  if (!artifactType) return 'artifact';
  if (/notary|sigstore|cosign|signature/i.test(artifactType)) return 'signature';
  if (/spdx|cyclonedx|sbom/i.test(artifactType)) return 'SBOM';
  if (/in-toto|attestation|provenance/i.test(artifactType)) return 'attestation';
  return 'artifact';
}

function progressText(p: CopyProgress): string {
  if (p.phase === 'checking') return 'Checking what the destination already has';
  if (p.phase === 'manifests') return 'Writing the manifests';
  return `${p.blobsDone} of ${p.blobsTotal} blobs, ${megabytes(p.bytesDone)} of ${megabytes(p.bytesTotal)} to send`;
}

function progressPercent(p: CopyProgress): number {
  if (p.phase === 'checking') return 2;
  if (p.phase === 'manifests') return 95;
  const share = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.blobsTotal > 0 ? p.blobsDone / p.blobsTotal : 1;
  return 5 + 90 * share;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
