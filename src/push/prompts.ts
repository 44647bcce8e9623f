// The interactive path of "Build, Tag and Push": each step proposes what was chosen last time for
// this Dockerfile (or a sensible default) so a repeat push is a series of Enter presses.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import type { RepositoryNode } from '../explorer/nodes';
import type { Prompts } from '../ui/prompts';
import type { BuildTagPushSpec } from './buildTagPushFlow';
import { formatBuildArgs, parseBuildArgs, readDockerfileInfo } from './dockerfileInfo';
import { gitShortSha } from './git';
import { recall, remember } from './memory';
import { errorMessage } from '../core/errors';
import { checkTag } from '../core/imageRef';

const DOCKERFILES = '**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile,*.Containerfile}';
const TITLE = 'Build, Tag and Push';

/** Asks for everything; undefined when the user backs out at any step. */
export async function askBuildTagPush(ctx: EcrContext, dockerfile: vscode.Uri | undefined, repository: RepositoryNode | undefined): Promise<BuildTagPushSpec | undefined> {
  const p = ctx.prompts;
  const file = dockerfile ?? (await pickDockerfile(p, TITLE));
  if (!file) return undefined;
  const last = recall(ctx.extension.workspaceState, file.fsPath);
  const info = readDockerfileInfo(await readFile(file.fsPath, 'utf8'));
  const context = await pickContext(p, file, last.context);
  if (!context) return undefined;
  const repositoryUri = repository?.repository.repositoryUri ?? (await pickRepository(ctx, last.repositoryUri, TITLE));
  if (!repositoryUri) return undefined;
  const sha = await gitShortSha(dirname(file.fsPath));
  const tags = await askTags(p, last.tags?.length ? last.tags : ['latest'], sha);
  if (!tags) return undefined;
  const buildArgs = await askBuildArgs(p, info.args, last.buildArgNames, last.buildArgValues);
  if (!buildArgs) return undefined;
  const target = await pickOne(p, 'Target stage', info.stages, last.target, '(last stage)');
  if (target === undefined) return undefined;
  const platform = await pickOne(p, 'Platform', ['linux/amd64', 'linux/arm64'], last.platform, "(the engine's own)");
  if (platform === undefined) return undefined;
  await remember(ctx.extension.workspaceState, file.fsPath, {
    context,
    repositoryUri,
    tags: tags.filter((t) => t !== sha),
    buildArgs,
    target,
    platform,
  }, ctx.config.rememberBuildArgValues);
  return { dockerfile: file.fsPath, context, repositoryUri, tags, buildArgs, target: target || undefined, platform: platform || undefined };
}

/** The workspace's only Dockerfile, else the one picked; `title` names the flow asking. */
export async function pickDockerfile(p: Prompts, title: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(DOCKERFILES, '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showWarningMessage('No Dockerfile or Containerfile in this workspace.');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await p.pick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
    { title: `${title}: Dockerfile` },
  );
  return picked?.uri;
}

async function pickContext(p: Prompts, dockerfile: vscode.Uri, last: string | undefined): Promise<string | undefined> {
  const folder = dirname(dockerfile.fsPath);
  const options = [...new Set([last, folder].filter((f): f is string => Boolean(f)))];
  const items: (vscode.QuickPickItem & { path?: string })[] = options.map((path) => ({
    label: vscode.workspace.asRelativePath(path) || path,
    description: path === folder ? "the Dockerfile's folder" : 'last used',
    path,
  }));
  items.push({ label: '$(folder-opened) Choose a folder…' });
  const picked = await p.pick(items, { title: `${TITLE}: build context` });
  if (!picked) return undefined;
  if (picked.path) return picked.path;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(folder), openLabel: 'Use as build context' });
  return chosen?.[0]?.fsPath;
}

/** Every repository of every reachable registry, the last one first, plus "Create repository"; its URI. */
export async function pickRepository(ctx: EcrContext, last: string | undefined, title: string): Promise<string | undefined> {
  const registries = (await ctx.model.registries()).filter((r) => r.api && !r.problem);
  const items: (vscode.QuickPickItem & { uri?: string })[] = [];
  for (const registry of registries) {
    const listing = await ctx.model.repositories(registry);
    for (const repository of listing.items ?? []) {
      const uri = repository.repositoryUri ?? '';
      items.push({ label: repository.repositoryName ?? uri, description: `${registry.source.label}${uri === last ? ' · last used' : ''}`, detail: uri, uri });
    }
  }
  items.sort((a, b) => Number(b.uri === last) - Number(a.uri === last));
  items.push({ label: '$(add) Create a repository…' });
  const picked = await ctx.prompts.pick(items, { title: `${title}: repository`, matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const created = await vscode.commands.executeCommand<string | undefined>('ecr.createRepository');
  return created;
}

async function askTags(p: Prompts, base: readonly string[], sha: string | undefined): Promise<string[] | undefined> {
  const proposed = [...new Set([...base, ...(sha ? [sha] : [])])];
  const text = await p.input({
    title: `${TITLE}: tags`,
    prompt: `Tags separated by spaces or commas${sha ? ` (${sha} is the git commit)` : ''}`,
    value: proposed.join(' '),
    validateInput: (value) => {
      const tags = splitTags(value);
      return tags.length === 0 ? 'Give at least one tag' : tags.map(checkTag).find(Boolean);
    },
  });
  return text === undefined ? undefined : splitTags(text);
}

function splitTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

async function askBuildArgs(
  p: Prompts,
  declared: ReadonlyMap<string, string | undefined>,
  lastNames: readonly string[] | undefined,
  lastValues: Readonly<Record<string, string>> | undefined,
): Promise<Record<string, string> | undefined> {
  const names = [...declared.keys()];
  // Values are proposed only where the user asked to keep them; otherwise last time's names are named.
  const withoutValue = (lastNames ?? []).filter((name) => lastValues?.[name] === undefined);
  const hints = [names.length ? `This Dockerfile declares: ${names.join(', ')}` : '', withoutValue.length ? `Last time: ${withoutValue.join(', ')}` : ''].filter(Boolean);
  const text = await p.input({
    title: `${TITLE}: build args (optional)`,
    prompt: ['NAME=value pairs separated by spaces', ...hints].join('. '),
    value: lastValues ? formatBuildArgs(lastValues) : undefined,
    validateInput: (value) => {
      try {
        parseBuildArgs(value);
        return undefined;
      } catch (error) {
        return errorMessage(error);
      }
    },
  });
  return text === undefined ? undefined : parseBuildArgs(text);
}

/** A quick pick over `choices` plus a "none" entry (returned as ""); undefined when dismissed. */
async function pickOne(p: Prompts, what: string, choices: readonly string[], last: string | undefined, none: string): Promise<string | undefined> {
  if (what === 'Target stage' && choices.length === 0) return '';
  const values = [...new Set([...(last ? [last] : []), ...choices])];
  const items = [{ label: none, value: '' }, ...values.map((value) => ({ label: value, description: value === last ? 'last used' : undefined, value }))];
  if (last) items.sort((a, b) => Number(b.value === last) - Number(a.value === last));
  const picked = await p.pick(items, { title: `${TITLE}: ${what.toLowerCase()}` });
  return picked?.value;
}
