// ecr.copyImage: "Copy Image To..." from an image row, or from the palette with an image URI.
// Registry to registry (never through Docker): pick the destination registry, repository (or a
// new one) and tags. Argument object (tests, tasks): { imageUri?, destination?, createRepository? }.
import type { CommandFactory } from '.';
import type { CopyResult } from '../aws/imageCopy';
import type { EcrContext } from '../context';
import { checkTag } from '../core/imageRef';
import { loadAws } from '../lazy';
import { reportFailure, type Failure } from '../push/failure';
import { registryForHost, type ReachableRegistry } from '../push/registryAccess';
import { registryNode } from '../explorer/nodes';
import { announceCopy, runCopy, sourceOfNode, sourceOfUri, type CopyHooks, type CopySource } from '../push/copyFlow';
import { asNode } from './nodeArgs';

export interface CopyImageArgs extends CopyHooks {
  /** The source, "host/repository:tag" or "host/repository@sha256:…" (the palette asks for it). */
  readonly imageUri?: string;
  readonly destination?: {
    /** The destination registry's host, as repository URIs spell it. */
    readonly registry?: string;
    readonly repository?: string;
    /** Tags for the copy; [] stores it by digest only. */
    readonly tags?: readonly string[];
  };
}

export type CopyOutcome = { readonly digest: string; readonly result: CopyResult; readonly message: string } | { readonly error: Failure };

export const copyImage: CommandFactory = (ctx) => ({
  id: 'ecr.copyImage',
  run: async (arg, given?: unknown): Promise<CopyOutcome | undefined> => {
    try {
      const node = asNode(arg, 'image');
      const args = ((node ? given : arg) ?? {}) as CopyImageArgs;
      const uri = args.imageUri ?? (node ? undefined : await askUri(ctx));
      if (!node && !uri) return undefined;
      const source = node ? await sourceOfNode(ctx, node) : await sourceOfUri(ctx, uri ?? '');
      const registry = args.destination?.registry ? await registryForHost(ctx, args.destination.registry) : await pickRegistry(ctx, source);
      if (!registry) return undefined;
      const repository = args.destination?.repository !== undefined ? { name: args.destination.repository } : await pickRepository(ctx, registry, source);
      if (!repository) return undefined;
      const tags = args.destination?.tags ?? (await askTags(ctx, source, registry, repository.name));
      if (!tags) return undefined;
      const { validateRepositoryName } = await loadAws();
      const nameProblem = validateRepositoryName(repository.name);
      if (nameProblem) throw new Error(`"${repository.name}" is not a valid repository name: ${nameProblem}`);
      for (const tag of tags) {
        const problem = checkTag(tag);
        if (problem) throw new Error(`Tag "${tag}": ${problem}`);
      }
      const destination = { registry, repository: repository.name };
      const hooks = { ...args, createRepository: args.createRepository ?? (repository.create || undefined) };
      const result = await runCopy(ctx, `Copy ${source.label} to ${registry.node.registry.source.label}`, source, destination, tags, hooks);
      return { digest: result.digest, result, message: announceCopy(ctx, 'Copied', source, destination, tags, result) };
    } catch (error) {
      return { error: reportFailure(ctx, error) };
    }
  },
});

async function askUri(ctx: EcrContext): Promise<string | undefined> {
  const value = await ctx.prompts.input({
    title: 'Copy Image To…: the image to copy',
    prompt: 'host/repository:tag or host/repository@sha256:… of a configured registry',
    validateInput: (v) => (/^[^/\s]+\/[^\s]+$/.test(v.trim()) ? undefined : 'Enter host/repository:tag or host/repository@sha256:…'),
  });
  return value?.trim() || undefined;
}

/** Every reachable registry once (profiles reaching the same registry are one). */
async function pickRegistry(ctx: EcrContext, source: CopySource): Promise<ReachableRegistry | undefined> {
  const seen = new Set<string>();
  const items = [];
  for (const entry of await ctx.model.registries()) {
    if (!entry.api || entry.problem || !entry.info || seen.has(entry.info.host)) continue;
    seen.add(entry.info.host);
    const same = entry.info.host === source.registry.host;
    items.push({
      label: entry.source.label,
      description: `${entry.info.accountId} · ${entry.source.region ?? ''}${same ? ' · the source registry' : ''}`,
      detail: entry.info.host,
      registry: { node: registryNode(entry), api: entry.api, host: entry.info.host },
    });
  }
  const picked = await ctx.prompts.pick(items, { title: `Copy ${source.label} to: registry`, matchOnDescription: true, matchOnDetail: true });
  return picked?.registry;
}

/** An existing repository, or a new one (proposed: the source's name where the destination lacks it). */
async function pickRepository(ctx: EcrContext, registry: ReachableRegistry, source: CopySource): Promise<{ name: string; create?: boolean } | undefined> {
  const listing = await ctx.model.repositories(registry.node.registry);
  if (listing.problem) throw new Error(listing.problem.message);
  const names = listing.items.map((r) => r.repositoryName ?? '').filter(Boolean);
  const sameName = names.includes(source.repository);
  const NEW = '$(add) New repository…';
  const items = [
    ...(sameName ? [{ label: source.repository, description: 'same name as the source', name: source.repository }] : [{ label: `$(add) ${source.repository}`, description: 'create it (same name as the source)', name: source.repository, create: true }]),
    ...names.filter((n) => n !== source.repository).map((name) => ({ label: name, name })),
    { label: NEW, name: '', create: true },
  ];
  const picked = await ctx.prompts.pick(items, { title: `Copy ${source.label} to: repository in ${registry.node.registry.source.label}` });
  if (!picked) return undefined;
  if (picked.label !== NEW) return { name: picked.name, create: 'create' in picked ? picked.create : undefined };
  const { validateRepositoryName } = await loadAws();
  const name = await ctx.prompts.input({
    title: `Copy ${source.label} to: new repository`,
    value: source.repository,
    validateInput: (v) => (v ? validateRepositoryName(v) : 'Enter a name'),
  });
  return name ? { name, create: true } : undefined;
}

async function askTags(ctx: EcrContext, source: CopySource, registry: ReachableRegistry, repository: string): Promise<string[] | undefined> {
  const value = await ctx.prompts.input({
    title: `Copy ${source.label} to ${repository} in ${registry.node.registry.source.label}: tags`,
    prompt: 'Comma-separated; empty: by digest only',
    value: source.tags.join(', '),
    validateInput: (v) => splitTags(v).map((t) => checkTag(t)).find(Boolean),
  });
  return value === undefined ? undefined : splitTags(value);
}

function splitTags(value: string): string[] {
  return [...new Set(value.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean))];
}
