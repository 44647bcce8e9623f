// Dockerfile -> build (log streamed to the ECR channel) -> tags -> ECR login token -> push of each
// tag, under one cancellable notification. Nothing is written to disk; the token stays in memory.
import { basename } from 'node:path';
import type { EcrContext } from '../context';
import { buildArgValuesToMask } from './buildArgValues';
import { baseImageCredentials, hostOf, registryForHost, withRegistryAuth } from './registryAccess';
import { connectEngine, transferEvents, withTransferProgress, type RunHooks } from './transferRun';
import { checkTag } from '../core/imageRef';

export interface BuildTagPushSpec {
  /** Absolute path of the Dockerfile. */
  readonly dockerfile: string;
  /** Absolute path of the build context folder. */
  readonly context: string;
  /** e.g. "111111111111.dkr.ecr.us-east-1.amazonaws.com/web" */
  readonly repositoryUri: string;
  readonly tags: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
}

export interface BuildTagPushResult {
  /** Manifest digest in the registry, "sha256:...". */
  readonly digest: string;
  /** repositoryUri:tag for each pushed tag. */
  readonly imageUris: readonly string[];
  /** Local image id. */
  readonly imageId: string;
}

/** Share of the bar the build takes; the push takes the rest. */
const BUILD_SHARE = 40;

export async function buildTagPush(ctx: EcrContext, spec: BuildTagPushSpec, hooks: RunHooks = {}): Promise<BuildTagPushResult> {
  if (spec.tags.length === 0) throw new Error('Give at least one tag to push.');
  const tagProblem = spec.tags.map(checkTag).find(Boolean);
  if (tagProblem) throw new Error(tagProblem);
  const registry = await registryForHost(ctx, hostOf(spec.repositoryUri));
  const imageUris = spec.tags.map((tag) => `${spec.repositoryUri}:${tag}`);
  const title = `Build and push ${basename(spec.repositoryUri)}`;
  return withTransferProgress(title, hooks, async (scope) => {
    const { docker, bar, signal } = scope;
    const connection = await connectEngine(ctx, scope);
    const args = Object.keys(spec.buildArgs ?? {});
    // Build arg values are not logged: they may carry secrets.
    ctx.log.info(
      `Building ${spec.dockerfile} (context ${spec.context}${spec.target ? `, target ${spec.target}` : ''}${spec.platform ? `, platform ${spec.platform}` : ''}${args.length ? `, build args ${args.join(', ')}` : ''})`,
    );
    bar.report('Building: sending the context');
    const built = await docker.buildImage(connection.docker, {
      contextDir: spec.context,
      dockerfile: spec.dockerfile,
      tags: imageUris,
      buildArgs: spec.buildArgs,
      target: spec.target || undefined,
      platform: spec.platform || undefined,
      secrets: buildArgValuesToMask(spec.buildArgs),
      builder: ctx.config.dockerBuilder,
      registryCredentials: baseImageCredentials(ctx),
      signal,
      onEvent: (event) => {
        if (event.kind === 'log') return ctx.log.info(event.text);
        ctx.log.info(`Step ${event.step}/${event.total} : ${event.text}`);
        bar.report(`Building: step ${event.step}/${event.total} ${event.text}`, ((event.step - 1) / event.total) * BUILD_SHARE);
      },
    });
    ctx.log.info(`Built ${built.imageId}, tagged ${imageUris.join(', ')}`);
    bar.report('Signing in to the registry', BUILD_SHARE);
    let digest = '';
    for (const [i, uri] of imageUris.entries()) {
      // The first push moves the layers; the later tags only add a manifest.
      const [from, to] = i === 0 ? [BUILD_SHARE, 95] : [95 + (4 * (i - 1)) / imageUris.length, 95 + (4 * i) / imageUris.length];
      ctx.log.info(`Pushing ${uri}`);
      const onEvent = transferEvents(ctx, bar, `Pushing ${spec.tags[i]}`, from, to);
      const pushed = await withRegistryAuth(ctx, registry, (auth) => docker.pushImage(connection.docker, uri, { auth, signal, onEvent }));
      ctx.log.info(`Pushed ${uri} (${pushed.digest})`);
      digest = pushed.digest;
    }
    bar.report(`Pushed ${imageUris.length} tag${imageUris.length === 1 ? '' : 's'}`, 100);
    return { digest, imageUris, imageId: built.imageId };
  });
}
