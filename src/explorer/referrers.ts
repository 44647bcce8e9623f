// An image's referrers as rows under it (signatures, SBOMs, attestations), read when the row is
// expanded; and its signing facts in its tooltip, read when the user hovers it.
import * as vscode from 'vscode';
import type { EcrApi, ImageReferrer } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';
import { INVALID_DATE, isoDate } from '../core/dates';
import { shortDigest } from '../core/imageRef';
import { artifactKind, categoryOrder, signingLines, type SigningFacts } from '../core/referrers';
import { formatAge, formatBytes } from './format';
import { errorNode, messageNode, referrerNode, type ExplorerNode, type ImageNode, type ReferrerNode, type ReferrerRow } from './nodes';

/** Artifact types that are themselves referrers, not images: their rows have no children. */
export function isArtifactRow(node: ImageNode): boolean {
  return artifactKind(node.image.artifactMediaType).category !== 'other';
}

/** The referrer rows of an image, signatures first; a message when there are none or the registry lists none. */
export async function referrerChildren(node: ImageNode, api: EcrApi, classify: (error: unknown) => Promise<EcrProblem>): Promise<ExplorerNode[]> {
  const repository = node.parent.repository.repositoryName ?? '';
  let referrers: ImageReferrer[] | undefined;
  try {
    referrers = await api.listReferrers(repository, node.image.imageDigest ?? '');
  } catch (error) {
    const problem = await classify(error);
    return [errorNode(node, { ...problem, message: `Signatures and SBOMs could not be listed: ${problem.message}` })];
  }
  if (referrers === undefined) return [messageNode(node, 'No signatures or SBOMs: this registry does not list referrers')];
  if (referrers.length === 0) return [messageNode(node, 'No signatures, SBOMs or attestations')];
  const pushed = await pushTimes(api, repository, referrers);
  return referrers
    .map((r): ReferrerRow => ({
      digest: r.digest ?? '',
      mediaType: r.mediaType,
      artifactType: r.artifactType,
      size: r.size,
      annotations: r.annotations,
      pushedAt: pushed.get(r.digest ?? '') ?? createdAnnotation(r.annotations),
    }))
    .sort((a, b) => categoryOrder(artifactKind(a.artifactType).category) - categoryOrder(artifactKind(b.artifactType).category))
    .map((row) => referrerNode(node, row));
}

/** Push times from DescribeImages (a referrer is an image of the repository); none when it cannot be read. */
async function pushTimes(api: EcrApi, repository: string, referrers: readonly ImageReferrer[]): Promise<Map<string, Date>> {
  const times = new Map<string, Date>();
  try {
    const found = await api.describeImages(repository, referrers.map((r) => ({ imageDigest: r.digest })));
    for (const lookup of found) if (lookup.image?.imageDigest && lookup.image.imagePushedAt) times.set(lookup.image.imageDigest, lookup.image.imagePushedAt);
  } catch {
    // the rows still show type and size
  }
  return times;
}

function createdAnnotation(annotations: Readonly<Record<string, string>> | undefined): Date | undefined {
  const created = annotations?.['org.opencontainers.image.created'];
  const date = created ? new Date(created) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export function referrerItem(node: ReferrerNode): vscode.TreeItem {
  const { referrer } = node;
  const kind = artifactKind(referrer.artifactType);
  const item = new vscode.TreeItem(kind.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [shortDigest(referrer.digest), formatBytes(referrer.size), referrer.pushedAt ? formatAge(referrer.pushedAt) : ''].filter(Boolean).join(' · ');
  item.tooltip = [
    kind.label,
    `Artifact type: ${referrer.artifactType ?? 'none'}`,
    `Digest: ${referrer.digest}`,
    `Size: ${referrer.size?.toLocaleString('en-US') ?? '?'} bytes`,
    `Pushed: ${referrer.pushedAt ? (isoDate(referrer.pushedAt) ?? INVALID_DATE) : 'unknown'}`,
  ].join('\n');
  item.iconPath = new vscode.ThemeIcon(kind.category === 'signature' ? 'verified' : kind.category === 'sbom' ? 'checklist' : 'file-code');
  item.contextValue = `referrer:${kind.category}`;
  item.command = { command: 'ecr.openReferrer', title: 'Open', arguments: [node] };
  return item;
}

/** Adds the image's signatures and signing status to its tooltip (read when the user hovers it, kept by the lookup layer). */
export async function withSigningStatus(item: vscode.TreeItem, node: ImageNode, signing: (digest: string) => Promise<SigningFacts | undefined>): Promise<vscode.TreeItem> {
  if (typeof item.tooltip !== 'string' || isArtifactRow(node) || !node.image.imageDigest) return item;
  const facts = await signing(node.image.imageDigest);
  const lines = facts ? signingLines(facts) : [];
  if (lines.length > 0) item.tooltip = [item.tooltip, ...lines].join('\n');
  return item;
}
