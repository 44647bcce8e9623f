// The command bodies: a bundle of its own (dist/commands.js, see src/lazy.ts) that loads when a
// command first runs, so what only commands need (push, copy, CI setup, registry settings...) stays
// out of the main bundle. src/commands/index.ts registers the ids at activation.
import type { CommandFactory, CommandName } from '.';
import { addPolicyTemplate } from './addPolicyTemplate';
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
import { createCreationTemplate } from './createCreationTemplate';
import { createPullThroughCacheRule } from './createPullThroughCacheRule';
import { createRepository } from './createRepository';
import { deleteCreationTemplate } from './deleteCreationTemplate';
import { deleteImage } from './deleteImage';
import { deletePullThroughCacheRule } from './deletePullThroughCacheRule';
import { deleteRegistryPolicy } from './deleteRegistryPolicy';
import { deleteRepository } from './deleteRepository';
import { deleteRepositoryPolicy } from './deleteRepositoryPolicy';
import { deleteTag } from './deleteTag';
import { editCreationTemplate } from './editCreationTemplate';
import { editLifecyclePolicy } from './editLifecyclePolicy';
import { editPullThroughCacheRule } from './editPullThroughCacheRule';
import { editRegistryPolicy } from './editRegistryPolicy';
import { editReplicationRule } from './editReplicationRule';
import { editRepositoryPolicy } from './editRepositoryPolicy';
import { editScanningConfiguration } from './editScanningConfiguration';
import { filterRepositories } from './filterRepositories';
import { hideRegistryProfile } from './hideRegistryProfile';
import { hideRegistryRegion } from './hideRegistryRegion';
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
import { setTagMutability } from './setTagMutability';
import { setUpCiPush } from './setUpCiPush';
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
import { validatePullThroughCacheRule } from './validatePullThroughCacheRule';
import { viewRepositoryPolicy } from './viewRepositoryPolicy';
import { whoCanAccess } from './whoCanAccess';

/** Each command's factory, by name: `ecr.<name>` lives in src/commands/<name>.ts. */
export const bodies: { readonly [N in CommandName]: CommandFactory } = {
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
  buildTagPush: buildTagPushCommand,
  setUpCiPush,
  pushImage: pushImageCommand,
  pullImage: pullImageCommand,
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
};
