// ecr.buildTagPush: from the palette, a Dockerfile (explorer/editor menu) or a repository node.
// With an argument object it runs without prompts and returns the result or the failure.
import { dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { createRepositoryIn } from './createRepository';
import { asNode } from './nodeArgs';
import type { EcrContext } from '../context';
import { buildTagPush, type BuildTagPushSpec } from '../push/buildTagPushFlow';
import { type Failure, reportFailure, requireTrust } from '../push/failure';
import { announcePush } from '../push/outcome';
import { askBuildTagPush } from '../push/prompts';
import { hostOf, registryForHost, repositoryNameOf } from '../push/registryAccess';
import type { RunHooks } from '../push/transferRun';
import { notify } from '../ui/logger';

/** The argument object: paths absolute or relative to the first workspace folder. */
export interface BuildTagPushArgs extends RunHooks {
  readonly dockerfile: string;
  readonly context?: string;
  readonly repositoryUri: string;
  readonly tags: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
}

export type BuildTagPushOutcome = { readonly digest: string; readonly imageUris: readonly string[]; readonly imageId: string } | { readonly error: Failure };

export const buildTagPushCommand: CommandFactory = (ctx) => ({
  id: 'ecr.buildTagPush',
  run: async (arg): Promise<BuildTagPushOutcome | undefined> => {
    let spec: BuildTagPushSpec | undefined;
    try {
      requireTrust('Building images');
      const given = asArgs(arg);
      spec = given ? fromArgs(given) : await askBuildTagPush(ctx, arg instanceof vscode.Uri ? arg : undefined, asNode(arg, 'repository'));
      if (!spec) return undefined;
      const result = await buildTagPush(ctx, spec, given ?? {});
      await announcePush(ctx, result.imageUris, result.digest);
      return { digest: result.digest, imageUris: result.imageUris, imageId: result.imageId };
    } catch (error) {
      const target = spec?.repositoryUri;
      return { error: reportFailure(ctx, error, target ? { 'repository-not-found': createAction(ctx, target) } : {}) };
    }
  },
});

/** "Create Repository" for a push that found none: creates it with the name the push used. */
export function createAction(ctx: EcrContext, repositoryUri: string) {
  return {
    label: 'Create Repository',
    run: async () => {
      const registry = await registryForHost(ctx, hostOf(repositoryUri));
      // Called directly, not through executeCommand, whose error handler would hide a failure.
      await createRepositoryIn(ctx, registry.node, { name: repositoryNameOf(repositoryUri) });
      void notify(ctx.log, 'information', `Created ${repositoryNameOf(repositoryUri)}. Run "Build, Tag and Push" again to push.`);
    },
  };
}

function asArgs(value: unknown): BuildTagPushArgs | undefined {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return undefined;
  const a = value as Partial<BuildTagPushArgs>;
  if (typeof a.dockerfile !== 'string' || typeof a.repositoryUri !== 'string') return undefined;
  if (!Array.isArray(a.tags)) throw new Error('ecr.buildTagPush: "tags" must be an array of tags.');
  return a as BuildTagPushArgs;
}

function fromArgs(a: BuildTagPushArgs): BuildTagPushSpec {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const dockerfile = isAbsolute(a.dockerfile) ? a.dockerfile : resolve(base, a.dockerfile);
  const context = a.context ? (isAbsolute(a.context) ? a.context : resolve(base, a.context)) : dirname(dockerfile);
  return { dockerfile, context, repositoryUri: a.repositoryUri.replace(/\/+$/, ''), tags: a.tags, buildArgs: a.buildArgs, target: a.target, platform: a.platform };
}
