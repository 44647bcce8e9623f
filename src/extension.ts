import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { EcrContext } from './context';

/** What the extension hands to other extensions and to its own tests. */
export interface EcrExtensionApi {
  /** Milliseconds spent in activate(), for the benchmark. */
  readonly activationMs: number;
}

export function activate(extension: vscode.ExtensionContext): EcrExtensionApi {
  const started = performance.now();
  const ctx = new EcrContext(extension);
  extension.subscriptions.push(ctx);
  registerCommands(ctx);
  const activationMs = performance.now() - started;
  ctx.log.info(`Activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version})`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
