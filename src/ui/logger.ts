import * as vscode from 'vscode';

/** The one log of the extension: the "ECR" output channel, with levels set by the user. */
export function createLogger(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('ECR', { log: true });
}

/** Shows an error with a "Show Log" button; the details go to the log, not into the popup. */
export async function showError(log: vscode.LogOutputChannel, message: string, error?: unknown): Promise<void> {
  if (error !== undefined) log.error(message, error);
  const choice = await vscode.window.showErrorMessage(message, 'Show Log');
  if (choice === 'Show Log') log.show(true);
}
