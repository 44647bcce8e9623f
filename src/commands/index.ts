// Registration at activation, bodies on first use: VS Code needs every command id registered when the
// extension activates, but the bodies (and what only they use: push, copy, CI setup, registry
// settings...) load with dist/commands.js the first time a command runs (src/commands/bodies.ts).
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { showError } from '../ui/logger';
import { errorMessage } from '../core/errors';
import { loadCommands } from '../lazy';

/** A command: its id (as contributed in package.json) and what it does. */
export interface Command {
  readonly id: string;
  run(...args: unknown[]): unknown;
}

export type CommandFactory = (ctx: EcrContext) => Command;

/** Every command of the extension, `ecr.<name>` from src/commands/<name>.ts; each must also be in `contributes.commands`. */
export const COMMAND_NAMES = [
  'refresh',
  'showLog',
  'configureRegistries',
  'showMore',
  'cancelLoading',
  'continueLoading',
  'filterRepositories',
  'clearFilter',
  'switchRegistryProfile',
  'hideRegistryRegion',
  'hideRegistryProfile',
  'showHiddenRegistries',
  'signIn',
  'copyRepositoryUri',
  'copyImageUri',
  'copyImageDigestUri',
  'createRepository',
  'deleteRepository',
  'deleteImage',
  'deleteTag',
  'addTag',
  'startScan',
  'showFindings',
  'toggleTagImmutability',
  'toggleScanOnPush',
  'editLifecyclePolicy',
  'previewLifecyclePolicy',
  'viewRepositoryPolicy',
  'editRepositoryPolicy',
  'addPolicyTemplate',
  'deleteRepositoryPolicy',
  'whoCanAccess',
  'editRegistryPolicy',
  'deleteRegistryPolicy',
  'inspectManifest',
  'openReferrer',
  'openInConsole',
  'buildTagPush',
  'setUpCiPush',
  'pushImage',
  'pullImage',
  'checkWorkspace',
  'showImageFindings',
  'scanImage',
  'revealInExplorer',
  'copyImageDigest',
  'addReplicationRule',
  'editReplicationRule',
  'removeReplicationRule',
  'showStorageReport',
  'createCleanupRule',
  'archiveImage',
  'restoreImage',
  'copyImage',
  'promoteImage',
  'setTagMutability',
  'createPullThroughCacheRule',
  'editPullThroughCacheRule',
  'validatePullThroughCacheRule',
  'deletePullThroughCacheRule',
  'createCreationTemplate',
  'editCreationTemplate',
  'deleteCreationTemplate',
  'editScanningConfiguration',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export function registerCommands(ctx: EcrContext): void {
  // This activation's commands, all made once (as at activation before) when their bundle has loaded.
  let made: Promise<ReadonlyMap<string, Command>> | undefined;
  const commandOf = async (name: CommandName): Promise<Command> => {
    made ??= loadCommands().then(({ bodies }) => new Map(COMMAND_NAMES.map((n) => [n, bodies[n](ctx)])));
    const command = (await made).get(name);
    if (command?.id !== `ecr.${name}`) throw new Error(`ecr.${name}: its body in src/commands/${name}.ts has the id ${command?.id}.`);
    return command;
  };
  for (const name of COMMAND_NAMES) {
    ctx.register(vscode.commands.registerCommand(`ecr.${name}`, (...args: unknown[]) => runReportingErrors(ctx, () => commandOf(name), args)));
  }
}

/** A failing command says what happened, with "Show Log"; the error also goes to the log. */
async function runReportingErrors(ctx: EcrContext, command: () => Promise<Command>, args: unknown[]): Promise<unknown> {
  try {
    return await (await command()).run(...args);
  } catch (error) {
    const message = errorMessage(error);
    void showError(ctx.log, message, error);
    return undefined;
  }
}
