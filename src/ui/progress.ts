import * as vscode from 'vscode';
import { progressTitle } from '../core/plainText';
import { ForwardProgress, type ProgressObserver } from '../push/forwardProgress';

/** Runs `task` under a notification with a title (made plain text); cancellation is offered when `cancellable`. */
export function withProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Promise<T>,
  cancellable = false,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressTitle(title), cancellable }, task);
}

/** What a caller with an argument object may add: a way to cancel, and a view of the progress. */
export interface RunHooks {
  readonly cancellation?: vscode.CancellationToken;
  readonly onProgress?: ProgressObserver;
}

/**
 * Runs `task` under one cancellable notification whose bar only moves forward; its Cancel (or
 * `hooks.cancellation`) aborts `signal`.
 */
export async function withCancellableProgress<T>(title: string, hooks: RunHooks, task: (bar: ForwardProgress, signal: AbortSignal) => Promise<T>): Promise<T> {
  return withProgress(
    title,
    async (progress, token) => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      const subscriptions = [token.onCancellationRequested(abort), hooks.cancellation?.onCancellationRequested(abort)];
      if (hooks.cancellation?.isCancellationRequested) abort();
      try {
        return await task(new ForwardProgress(progress, hooks.onProgress), controller.signal);
      } finally {
        for (const s of subscriptions) s?.dispose();
      }
    },
    true,
  );
}
