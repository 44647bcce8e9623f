// ecr.pullImage: from an image node (by tag, or by digest when untagged) or the palette
// (registry -> repository -> image, or a pasted URI). Argument object: { imageUri }.
import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { asNode, repositoryArg } from './nodeArgs';
import type { EcrContext } from '../context';
import { imageLabel } from '../explorer/format';
import { imageUri } from '../explorer/nodes';
import { type Failure, reportFailure } from '../push/failure';
import { hostOf, registryForHost, withRegistryAuth } from '../push/registryAccess';
import { connectEngine, transferEvents, withTransferProgress, type RunHooks } from '../push/transferRun';
import { notify } from '../ui/logger';
import { shortDigest } from '../core/imageRef';

export interface PullImageArgs extends RunHooks {
  /** "host/repo:tag" or "host/repo@sha256:..." */
  readonly imageUri: string;
}

export type PullOutcome = { readonly reference: string; readonly digest?: string; readonly imageId: string } | { readonly error: Failure };

export const pullImageCommand: CommandFactory = (ctx) => ({
  id: 'ecr.pullImage',
  run: async (arg): Promise<PullOutcome | undefined> => {
    try {
      const given = typeof (arg as PullImageArgs | undefined)?.imageUri === 'string' ? (arg as PullImageArgs) : undefined;
      const node = asNode(arg, 'image');
      if (node && node.image.imageStatus !== undefined && node.image.imageStatus !== 'ACTIVE') {
        throw new Error(
          `${imageLabel(node.image.imageTags)} is ${node.image.imageStatus === 'ARCHIVED' ? 'archived' : 'being restored from the archive'}: ` +
            'ECR cannot pull it until it is restored. Restore it (right-click → Restore Archived Image); a restore takes up to 20 minutes.',
        );
      }
      const uri = given?.imageUri ?? (node ? imageUri(node) : await askImageUri(ctx));
      if (!uri) return undefined;
      const result = await pull(ctx, uri, given ?? {});
      void notify(ctx.log, 'information', `Pulled ${uri}${result.digest ? ` (${shortDigest(result.digest)}…)` : ''}`, 'Copy URI').then(async (choice) => {
        if (choice === 'Copy URI') await vscode.env.clipboard.writeText(uri);
      });
      return result;
    } catch (error) {
      return { error: reportFailure(ctx, error) };
    }
  },
});

async function pull(ctx: EcrContext, uri: string, hooks: RunHooks) {
  const registry = await registryForHost(ctx, hostOf(uri));
  return withTransferProgress(`Pull ${uri.slice(uri.indexOf('/') + 1)}`, hooks, async (scope) => {
    const connection = await connectEngine(ctx, scope);
    scope.bar.report('Signing in to the registry');
    ctx.log.info(`Pulling ${uri}`);
    const onEvent = transferEvents(ctx, scope.bar, 'Pulling', 0, 100);
    const result = await withRegistryAuth(ctx, registry, (auth) => scope.docker.pullImage(connection.docker, uri, { auth, signal: scope.signal, onEvent }));
    ctx.log.info(`Pulled ${uri} (${result.digest ?? 'no digest reported'}), local image ${result.imageId}`);
    return { reference: result.reference, digest: result.digest, imageId: result.imageId };
  });
}

/** Palette: paste a URI, or walk registry -> repository -> image. */
async function askImageUri(ctx: EcrContext): Promise<string | undefined> {
  const how = await ctx.prompts.pick(
    [
      { label: '$(list-tree) Choose from a registry', value: 'pick' },
      { label: '$(clippy) Enter an image URI', value: 'paste' },
    ],
    { title: 'Pull Image' },
  );
  if (how?.value === 'paste') {
    return ctx.prompts.input({
      title: 'Pull Image: URI',
      prompt: 'host/repository:tag or host/repository@sha256:…',
      validateInput: (v) => (/^[^/\s]+\/[^\s]+$/.test(v.trim()) ? undefined : 'Enter host/repository:tag or host/repository@sha256:…'),
    }).then((v) => v?.trim());
  }
  if (how?.value !== 'pick') return undefined;
  const repository = await repositoryArg(ctx, undefined);
  if (!repository) return undefined;
  const listing = await ctx.model.images(repository.parent.registry, repository.repository.repositoryName ?? '');
  if (listing.problem) throw new Error(listing.problem.message);
  const picked = await ctx.prompts.pick(
    listing.items.map((image) => ({ label: imageLabel(image.imageTags), description: image.imageDigest, image })),
    { title: 'Pull Image: image', matchOnDescription: true },
  );
  if (!picked) return undefined;
  const base = repository.repository.repositoryUri ?? '';
  const tag = picked.image.imageTags?.[0];
  return tag ? `${base}:${tag}` : `${base}@${picked.image.imageDigest}`;
}
