import * as vscode from 'vscode';

/** Runs `task` under a notification with a title; cancellation is offered when `cancellable`. */
export function withProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Promise<T>,
  cancellable = false,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, task);
}
