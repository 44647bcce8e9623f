import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { showError } from '../ui/logger';
import { errorMessage } from '../core/errors';
import { addReplicationRule } from './addReplicationRule';
import { addTag } from './addTag';
import { archiveImage } from './archiveImage';
import { buildTagPushCommand } from './buildTagPush';
import { cancelLoading } from './cancelLoading';
import { checkWorkspace } from './checkWorkspace';
import { clearFilter } from './clearFilter';
import { configureRegistries } from './configureRegistries';
import { continueLoading } from './continueLoading';
import { copyImage } from './copyImage';
import { copyImageDigest } from './copyImageDigest';
import { copyImageDigestUri } from './copyImageDigestUri';
import { copyImageUri } from './copyImageUri';
import { copyRepositoryUri } from './copyRepositoryUri';
import { createCleanupRule } from './createCleanupRule';
import { createRepository } from './createRepository';
import { deleteImage } from './deleteImage';
import { deleteRepository } from './deleteRepository';
import { deleteTag } from './deleteTag';
import { editLifecyclePolicy } from './editLifecyclePolicy';
import { editReplicationRule } from './editReplicationRule';
import { filterRepositories } from './filterRepositories';
import { inspectManifest } from './inspectManifest';
import { openInConsole } from './openInConsole';
import { openReferrer } from './openReferrer';
import { previewLifecyclePolicy } from './previewLifecyclePolicy';
import { promoteImage } from './promoteImage';
import { pullImageCommand } from './pullImage';
import { pushImageCommand } from './pushImage';
import { refresh } from './refresh';
import { removeReplicationRule } from './removeReplicationRule';
import { restoreImage } from './restoreImage';
import { revealInExplorer } from './revealInExplorer';
import { scanImage } from './scanImage';
import { setUpCiPush } from './setUpCiPush';
import { hideRegistryProfile } from './hideRegistryProfile';
import { hideRegistryRegion } from './hideRegistryRegion';
import { showFindings } from './showFindings';
import { showHiddenRegistries } from './showHiddenRegistries';
import { showImageFindings } from './showImageFindings';
import { showLog } from './showLog';
import { showMore } from './showMore';
import { showStorageReport } from './showStorageReport';
import { signIn } from './signIn';
import { startScan } from './startScan';
import { switchRegistryProfile } from './switchRegistryProfile';
import { toggleScanOnPush } from './toggleScanOnPush';
import { toggleTagImmutability } from './toggleTagImmutability';
import { viewRepositoryPolicy } from './viewRepositoryPolicy';
import { addPolicyTemplate } from './addPolicyTemplate';
import { deleteRegistryPolicy } from './deleteRegistryPolicy';
import { deleteRepositoryPolicy } from './deleteRepositoryPolicy';
import { editRegistryPolicy } from './editRegistryPolicy';
import { editRepositoryPolicy } from './editRepositoryPolicy';
import { whoCanAccess } from './whoCanAccess';
import { setTagMutability } from './setTagMutability';
import { createPullThroughCacheRule } from './createPullThroughCacheRule';
import { editPullThroughCacheRule } from './editPullThroughCacheRule';
import { validatePullThroughCacheRule } from './validatePullThroughCacheRule';
import { deletePullThroughCacheRule } from './deletePullThroughCacheRule';
import { createCreationTemplate } from './createCreationTemplate';
import { editCreationTemplate } from './editCreationTemplate';
import { deleteCreationTemplate } from './deleteCreationTemplate';
import { editScanningConfiguration } from './editScanningConfiguration';

/** A command: its id (as contributed in package.json) and what it does. */
export interface Command {
  readonly id: string;
  run(...args: unknown[]): unknown;
}

export type CommandFactory = (ctx: EcrContext) => Command;

/** Every command of the extension; each must also be in `contributes.commands`. */
const commands: readonly CommandFactory[] = [
  refresh,
  showLog,
  configureRegistries,
  showMore,
  cancelLoading,
  continueLoading,
  filterRepositories,
  clearFilter,
  switchRegistryProfile,
  hideRegistryRegion,
  hideRegistryProfile,
  showHiddenRegistries,
  signIn,
  copyRepositoryUri,
  copyImageUri,
  copyImageDigestUri,
  createRepository,
  deleteRepository,
  deleteImage,
  deleteTag,
  addTag,
  startScan,
  showFindings,
  toggleTagImmutability,
  toggleScanOnPush,
  editLifecyclePolicy,
  previewLifecyclePolicy,
  viewRepositoryPolicy,
  editRepositoryPolicy,
  addPolicyTemplate,
  deleteRepositoryPolicy,
  whoCanAccess,
  editRegistryPolicy,
  deleteRegistryPolicy,
  inspectManifest,
  openReferrer,
  openInConsole,
  buildTagPushCommand,
  setUpCiPush,
  pushImageCommand,
  pullImageCommand,
  checkWorkspace,
  showImageFindings,
  scanImage,
  revealInExplorer,
  copyImageDigest,
  addReplicationRule,
  editReplicationRule,
  removeReplicationRule,
  showStorageReport,
  createCleanupRule,
  archiveImage,
  restoreImage,
  copyImage,
  promoteImage,
  setTagMutability,
  createPullThroughCacheRule,
  editPullThroughCacheRule,
  validatePullThroughCacheRule,
  deletePullThroughCacheRule,
  createCreationTemplate,
  editCreationTemplate,
  deleteCreationTemplate,
  editScanningConfiguration,
];

export function registerCommands(ctx: EcrContext): void {
  for (const factory of commands) {
    const command = factory(ctx);
    ctx.register(vscode.commands.registerCommand(command.id, (...args: unknown[]) => runReportingErrors(ctx, command, args)));
  }
}

/** A failing command says what happened, with "Show Log"; the error also goes to the log. */
async function runReportingErrors(ctx: EcrContext, command: Command, args: unknown[]): Promise<unknown> {
  try {
    return await command.run(...args);
  } catch (error) {
    const message = errorMessage(error);
    void showError(ctx.log, message, error);
    return undefined;
  }
}
