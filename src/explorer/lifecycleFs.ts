import * as vscode from 'vscode';
import { EcrDocumentFileSystem } from './ecrDocumentFs';
import type { Prompts } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { ExplorerModel } from './model';
import type { RegistryEntry } from './nodes';
import { errorMessage } from '../core/errors';
import { shortDigest } from '../core/imageRef';
import { plainText } from '../core/plainText';

export const LIFECYCLE_SCHEME = 'ecr-lifecycle';
export const LIFECYCLE_FILE = 'ecr-lifecycle-policy.json';

/** A new policy to start from: expire untagged images after 14 days. */
const TEMPLATE = {
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images after 14 days',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' },
    },
  ],
};

/** How many expiring images the save confirmation names. */
const SHOWN_EXPIRIES = 10;

/**
 * VS Code puts a provider's error into its own "Failed to save" / "Unable to open" notification,
 * which renders links: registry text goes in as plain text (the whole text is in the log).
 */
function refused(message: string): vscode.FileSystemError {
  return vscode.FileSystemError.NoPermissions(plainText(message));
}

/** `ecr-lifecycle:/<registry id>/<repository>/ecr-lifecycle-policy.json` */
export function lifecycleUri(registry: RegistryEntry, repository: string): vscode.Uri {
  return vscode.Uri.from({ scheme: LIFECYCLE_SCHEME, path: `/${encodeURIComponent(registry.source.id)}/${repository}/${LIFECYCLE_FILE}` });
}

/**
 * A repository's lifecycle policy as an editable JSON file: reading fetches it, saving puts it
 * with PutLifecyclePolicy (ECR's validation errors fail the save and are shown), after asking
 * when its preview expires images.
 */
export class LifecyclePolicyFileSystem extends EcrDocumentFileSystem {
  constructor(
    private readonly model: ExplorerModel,
    private readonly log: vscode.LogOutputChannel,
    /** The prompts in use now (tests swap them). */
    private readonly prompts: () => Prompts,
  ) {
    super(LIFECYCLE_SCHEME, 'Lifecycle policies', 'Use "Delete Lifecycle Policy" to remove a policy');
  }

  protected isDocument(path: string): boolean {
    return path.endsWith(`/${LIFECYCLE_FILE}`);
  }



  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { registry, repository } = await this.target(uri);
    let policy: string | undefined;
    try {
      policy = await registry.api?.getLifecyclePolicy(repository);
    } catch (error) {
      const message = `Could not read the lifecycle policy of ${repository}: ${errorMessage(error)}`;
      this.log.error(message);
      throw refused(message);
    }
    const text = policy === undefined ? TEMPLATE : JSON.parse(policy);
    return new TextEncoder().encode(`${JSON.stringify(text, null, 2)}\n`);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { registry, repository } = await this.target(uri);
    const text = new TextDecoder().decode(content);
    try {
      JSON.parse(text);
    } catch (error) {
      throw refused(`The lifecycle policy is not valid JSON: ${errorMessage(error)}`);
    }
    const policy = JSON.stringify(JSON.parse(text));
    try {
      await this.confirmExpiries(registry, repository, policy);
      await registry.api?.putLifecyclePolicy(repository, policy);
    } catch (error) {
      if (error instanceof vscode.FileSystemError) throw error;
      const message = `ECR refused the lifecycle policy of ${repository}: ${errorMessage(error)}`;
      this.log.error(message);
      throw refused(message);
    }
    this.log.info(`Saved the lifecycle policy of ${repository}`);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /**
   * A saved policy applies at once: when its preview expires images, the user sees which and
   * decides; "Cancel" fails the save and leaves ECR's policy (and the editor's text) as they are.
   */
  private async confirmExpiries(registry: RegistryEntry, repository: string, policy: string): Promise<void> {
    const api = registry.api;
    if (!api) return;
    const preview = await withProgress(`Previewing the lifecycle policy of ${repository}`, () => api.previewLifecyclePolicy(repository, policy));
    const expiring = preview.previewResults;
    if (expiring.length === 0) return;
    const names = expiring.map((r) => (r.imageTags?.length ? r.imageTags.join(', ') : `<untagged> ${shortDigest(r.imageDigest)}`));
    const shown = names.slice(0, SHOWN_EXPIRIES);
    if (names.length > shown.length) shown.push(`… and ${names.length - shown.length} more`);
    const count = `${expiring.length} image${expiring.length === 1 ? '' : 's'}`;
    const ok = await this.prompts().confirm(
      `Saving applies the lifecycle policy of ${repository} at once: ${count} would expire. Save and apply it?`,
      'Save and Apply',
      `Would expire:\n${shown.join('\n')}`,
    );
    if (ok) return;
    this.log.info(`Lifecycle policy of ${repository} not saved: ${count} would have expired`);
    throw refused(`Not saved: the lifecycle policy of ${repository} in ECR is unchanged (the new one would expire ${count}). Your text stays in the editor.`);
  }

  private async target(uri: vscode.Uri): Promise<{ registry: RegistryEntry; repository: string }> {
    const [, registryId, ...rest] = uri.path.split('/');
    const repository = rest.slice(0, -1).join('/');
    const registry = (await this.model.registries()).find((r) => r.source.id === decodeURIComponent(registryId ?? ''));
    if (!registry?.api || !repository) throw vscode.FileSystemError.FileNotFound(uri);
    return { registry, repository };
  }
}
