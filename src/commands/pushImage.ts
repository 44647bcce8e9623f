// ecr.pushImage: push an image that is already in the engine. It gets the repository's name
// (repositoryUri:tag) locally first, then goes up with the registry's login token.
// Argument object: { image, repositoryUri, tag }.
import type { CommandFactory } from '.';
import { asNode, repositoryArg } from './nodeArgs';
import type { EcrContext } from '../context';
import { loadDocker } from '../lazy';
import { createAction } from './buildTagPush';
import { type Failure, reportFailure } from '../push/failure';
import { announcePush } from '../push/outcome';
import { hostOf, registryForHost, withRegistryAuth } from '../push/registryAccess';
import { connectEngine, engineSettings, transferEvents, withTransferProgress, type RunHooks } from '../push/transferRun';
import { checkTag, shortDigest } from '../core/imageRef';

export interface PushImageArgs extends RunHooks {
  /** Local image id or reference, e.g. "app:dev" or "sha256:…". */
  readonly image: string;
  readonly repositoryUri: string;
  readonly tag: string;
}

export type PushOutcome = { readonly digest: string; readonly imageUris: readonly string[] } | { readonly error: Failure };

export const pushImageCommand: CommandFactory = (ctx) => ({
  id: 'ecr.pushImage',
  run: async (arg): Promise<PushOutcome | undefined> => {
    let target: string | undefined;
    try {
      const given = isArgs(arg) ? arg : undefined;
      const spec = given ?? (await ask(ctx, arg));
      if (!spec) return undefined;
      target = spec.repositoryUri;
      const uri = `${spec.repositoryUri}:${spec.tag}`;
      const registry = await registryForHost(ctx, hostOf(spec.repositoryUri));
      const digest = await withTransferProgress(`Push ${uri.slice(uri.indexOf('/') + 1)}`, given ?? {}, async (scope) => {
        const connection = await connectEngine(ctx, scope);
        scope.bar.report(`Tagging ${spec.image} as ${uri}`);
        await scope.docker.tagImage(connection.docker, spec.image, uri);
        scope.bar.report('Signing in to the registry');
        ctx.log.info(`Pushing ${spec.image} as ${uri}`);
        const onEvent = transferEvents(ctx, scope.bar, 'Pushing', 0, 99);
        const pushed = await withRegistryAuth(ctx, registry, (auth) => scope.docker.pushImage(connection.docker, uri, { auth, signal: scope.signal, onEvent }));
        ctx.log.info(`Pushed ${uri} (${pushed.digest})`);
        scope.bar.report('Pushed', 100);
        return pushed.digest;
      });
      await announcePush(ctx, [uri], digest);
      return { digest, imageUris: [uri] };
    } catch (error) {
      return { error: reportFailure(ctx, error, target ? { 'repository-not-found': createAction(ctx, target) } : {}) };
    }
  },
});

function isArgs(value: unknown): value is PushImageArgs {
  const a = value as Partial<PushImageArgs> | undefined;
  return typeof a?.image === 'string' && typeof a.repositoryUri === 'string' && typeof a.tag === 'string';
}

/** Local image (newest first) -> repository (the clicked one, or picked) -> tag. */
async function ask(ctx: EcrContext, arg: unknown): Promise<PushImageArgs | undefined> {
  const docker = await loadDocker();
  const connection = await docker.connect(engineSettings(ctx));
  const images = await docker.listLocalImages(connection.docker);
  const picked = await ctx.prompts.pick(
    images.flatMap((image) =>
      (image.repoTags.length ? image.repoTags : [image.id]).map((ref) => ({
        label: ref,
        description: `${shortDigest(image.id)} · ${docker.formatBytes(image.size)} · ${image.created.toLocaleString()}`,
        ref,
      })),
    ),
    { title: 'Push Image: local image', matchOnDescription: true },
  );
  if (!picked) return undefined;
  const repository = asNode(arg, 'repository') ?? (await repositoryArg(ctx, undefined));
  const repositoryUri = repository?.repository.repositoryUri;
  if (!repositoryUri) return undefined;
  const ownTag = picked.ref.startsWith('sha256:') ? 'latest' : docker.splitReference(picked.ref).tag ?? 'latest';
  const tag = await ctx.prompts.input({
    title: 'Push Image: tag',
    value: ownTag,
    validateInput: checkTag,
  });
  return tag ? { image: picked.ref, repositoryUri, tag } : undefined;
}
