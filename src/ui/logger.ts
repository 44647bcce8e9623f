import * as vscode from 'vscode';
import { plainText } from '../core/plainText';

/** The one log of the extension: the "ECR" output channel, with levels set by the user. */
export function createLogger(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('ECR', { log: true });
}

export type NotificationLevel = 'error' | 'warning' | 'information';

/**
 * Every non-modal notification goes through here: its text may carry registry, engine or
 * workspace text, which VS Code would render with live links. It is shown as plain text (one
 * line, links broken, capped); when that changed it, the full text goes to `log` (when given;
 * callers that already logged it pass undefined).
 */
export function notify(log: vscode.LogOutputChannel | undefined, level: NotificationLevel, message: string, ...items: string[]): Thenable<string | undefined> {
  const shown = plainText(message);
  if (log && shown !== message) log[level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'info'](message);
  if (level === 'error') return vscode.window.showErrorMessage(shown, ...items);
  if (level === 'warning') return vscode.window.showWarningMessage(shown, ...items);
  return vscode.window.showInformationMessage(shown, ...items);
}

/** Shows an error with a "Show Log" button; the details go to the log, not into the popup. */
export async function showError(log: vscode.LogOutputChannel, message: string, error?: unknown): Promise<void> {
  if (error !== undefined) log.error(message, error);
  const choice = await notify(error === undefined ? log : undefined, 'error', message, 'Show Log');
  if (choice === 'Show Log') log.show(true);
}
