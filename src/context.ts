import * as vscode from 'vscode';
import { Explorer, setupExplorer } from './explorer';
import { LifecyclePolicyFileSystem } from './explorer/lifecycleFs';
import { ExplorerModel } from './explorer/model';
import { PolicyFileSystem } from './explorer/policyFs';
import { StorageReports } from './explorer/storageScan';
import { LanguageFeatures, setupLanguageFeatures } from './language';
import { loadAws, loadDiscovery } from './lazy';
import { EcrConfig, onConfigChange, readConfig } from './ui/config';
import { ReadOnlyDocuments } from './ui/documents';
import { createLogger } from './ui/logger';
import { onNetworkChange, readNetworkOptions } from './ui/network';
import { registryMemory } from './ui/registryMemory';
import { Prompts, vscodePrompts } from './ui/prompts';

/**
 * Everything the features share, built once in activate(). It owns every disposable that a
 * feature registers through `register`, and disposes them in reverse order.
 */
export class EcrContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  /** Registries, repositories and images; shared by the explorer and the commands. */
  readonly model: ExplorerModel;
  readonly explorer: Explorer;
  /** Read-only views of manifests, policies and findings. */
  readonly documents: ReadOnlyDocuments;
  /** Hovers, diagnostics and quick fixes on image references. */
  readonly language: LanguageFeatures;
  /** The last Storage and Cleanup report of each registry. */
  readonly storageReports = new StorageReports();
  /** Questions to the user; replaced by integration tests to answer them. */
  prompts: Prompts = vscodePrompts;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.register(createLogger());
    this.model = new ExplorerModel({
      loadAws,
      loadDiscovery,
      settings: () => ({ ...readConfig(), apiOptions: { network: readNetworkOptions() } }),
      log: (message) => this.log.info(message),
      memory: registryMemory(extension.globalState),
    });
    this.register({ dispose: () => this.model.dispose() });
    this.explorer = setupExplorer(this);
    this.documents = this.register(new ReadOnlyDocuments());
    this.register(new LifecyclePolicyFileSystem(this.model, this.log, () => this.prompts));
    this.register(new PolicyFileSystem(this.model, this.log));
    this.language = setupLanguageFeatures(this);
    // Where registries come from changes what the explorer lists; the page size only how much it shows.
    this.register(onConfigChange(['registries', 'regions'], () => this.model.refresh()));
    this.register(onConfigChange(['pageSize'], () => this.model.resetPaging()));
    this.register(onConfigChange(['explorer.hiddenRegions', 'explorer.hiddenProfiles'], () => this.model.redraw()));
    // A new proxy or CA setting needs new clients: their connections were made the old way.
    this.register(onNetworkChange(() => this.model.refresh()));
  }

  get config(): EcrConfig {
    return readConfig();
  }

  register<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (error) {
        console.error('ECR: dispose failed', error);
      }
    }
  }
}
