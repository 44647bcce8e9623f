import * as vscode from 'vscode';
import { progressTitle } from '../core/plainText';

/** Runs `task` under a notification with a title (made plain text); cancellation is offered when `cancellable`. */
export function withProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Promise<T>,
  cancellable = false,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressTitle(title), cancellable }, task);
}
