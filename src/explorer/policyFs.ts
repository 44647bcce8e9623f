import * as vscode from 'vscode';
import { EcrDocumentFileSystem } from './ecrDocumentFs';
import type { ExplorerModel } from './model';
import type { RegistryEntry } from './nodes';
import { errorMessage } from '../core/errors';
import { checkPolicy } from '../policy/document';

export const POLICY_SCHEME = 'ecr-policy';
export const REPOSITORY_POLICY_FILE = 'ecr-repository-policy.json';
export const REGISTRY_POLICY_FILE = 'ecr-registry-policy.json';

/** A policy with no statements yet: saving it is refused until one is added (or a template applied). */
const EMPTY_POLICY = { Version: '2012-10-17', Statement: [] };

/** Which policy a file stands for: a repository's, or (no repository) the registry's. */
interface PolicyTarget {
  readonly registry: RegistryEntry;
  readonly repository?: string;
}

/** `ecr-policy:/<registry id>/<repository>/ecr-repository-policy.json` */
export function repositoryPolicyUri(registry: RegistryEntry, repository: string): vscode.Uri {
  return vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${encodeURIComponent(registry.source.id)}/${repository}/${REPOSITORY_POLICY_FILE}` });
}

/** `ecr-policy:/<registry id>/registry/ecr-registry-policy.json` */
export function registryPolicyUri(registry: RegistryEntry): vscode.Uri {
  return vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${encodeURIComponent(registry.source.id)}/registry/${REGISTRY_POLICY_FILE}` });
}

/**
 * Opens a policy file in an editor. A failed read comes back from VS Code as "cannot open <uri>.
 * Detail: <reason>": the reason alone (e.g. the denied action) is what the user needs to see.
 */
export async function showPolicyDocument(uri: vscode.Uri): Promise<vscode.TextEditor> {
  try {
    return await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  } catch (error) {
    const detail = /Detail: ([\s\S]*)$/.exec(errorMessage(error))?.[1];
    throw detail ? new Error(detail) : error;
  }
}

/** "the policy of repository web" / "the registry policy of <label>", for messages. */
export function policyName(target: { registry: RegistryEntry; repository?: string }): string {
  return target.repository ? `the repository policy of ${target.repository}` : `the registry policy of ${target.registry.source.label}`;
}

/**
 * Repository and registry permission policies as editable JSON files: reading fetches the policy,
 * saving checks it (refused with the reasons before any call) and then sets it in ECR.
 */
export class PolicyFileSystem extends EcrDocumentFileSystem {
  constructor(
    private readonly model: ExplorerModel,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super(POLICY_SCHEME, 'Policies', 'Use "Delete Repository Policy" or "Delete Registry Policy" to remove a policy');
  }

  protected isDocument(path: string): boolean {
    return path.endsWith(`/${REPOSITORY_POLICY_FILE}`) || path.endsWith(`/${REGISTRY_POLICY_FILE}`);
  }



  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const target = await this.target(uri);
    const api = target.registry.api;
    let policy: string | undefined;
    try {
      policy = target.repository === undefined ? await api?.getRegistryPolicy() : await api?.getRepositoryPolicy(target.repository);
    } catch (error) {
      // Keeps ECR's reason (e.g. the denied action) in what the editor shows.
      throw vscode.FileSystemError.Unavailable(`Could not read ${policyName(target)}: ${errorMessage(error)}`);
    }
    const text = policy === undefined ? EMPTY_POLICY : (JSON.parse(policy) as unknown);
    return new TextEncoder().encode(`${JSON.stringify(text, null, 2)}\n`);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const target = await this.target(uri);
    const name = policyName(target);
    const check = checkPolicy(new TextDecoder().decode(content));
    if (!check.ok) {
      const message = `Not saved: ${name} is not valid. ${check.problems.join(' ')}`;
      this.log.warn(message);
      throw vscode.FileSystemError.NoPermissions(message);
    }
    const text = JSON.stringify(check.policy);
    try {
      if (target.repository === undefined) await target.registry.api?.putRegistryPolicy(text);
      else await target.registry.api?.setRepositoryPolicy(target.repository, text);
    } catch (error) {
      const message = `ECR refused ${name}: ${errorMessage(error)}`;
      this.log.error(message);
      throw vscode.FileSystemError.NoPermissions(message);
    }
    this.log.info(`Saved ${name}`);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  private async target(uri: vscode.Uri): Promise<PolicyTarget> {
    const [, registryId, ...rest] = uri.path.split('/');
    const file = rest.pop();
    const registry = (await this.model.registries()).find((r) => r.source.id === decodeURIComponent(registryId ?? ''));
    if (!registry?.api) throw vscode.FileSystemError.FileNotFound(uri);
    if (file === REGISTRY_POLICY_FILE && rest.join('/') === 'registry') return { registry };
    if (file === REPOSITORY_POLICY_FILE && rest.length > 0) return { registry, repository: rest.join('/') };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
}
