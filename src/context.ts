import * as vscode from 'vscode';
import { setupExplorer } from './explorer';
import type { ExplorerTreeProvider } from './explorer/treeProvider';
import { EcrConfig, readConfig } from './ui/config';
import { createLogger } from './ui/logger';

/**
 * Everything the features share, built once in activate(). It owns every disposable that a
 * feature registers through `register`, and disposes them in reverse order.
 */
export class EcrContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly explorer: ExplorerTreeProvider;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.register(createLogger());
    this.explorer = setupExplorer(this);
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
