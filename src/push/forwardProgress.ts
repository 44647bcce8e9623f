// VS Code's progress takes increments; the flows know absolute percents. This keeps the bar
// moving forward only and lets tests observe exactly what the notification showed.
import type * as vscode from 'vscode';
import { plainText, PROGRESS_MAX_LENGTH } from '../core/plainText';

export interface ProgressReport {
  readonly percent: number;
  readonly message: string;
}

export type ProgressObserver = (report: ProgressReport) => void;

export class ForwardProgress {
  private shown = 0;
  private lastMessage = '';

  constructor(
    private readonly progress: vscode.Progress<{ message?: string; increment?: number }>,
    private readonly observer?: ProgressObserver,
  ) {}

  get percent(): number {
    return this.shown;
  }

  /** Shows `message` as plain text (it may carry a Dockerfile step or an engine's words); with `percent`, moves the bar there unless it is already further. */
  report(text: string, percent?: number): void {
    const message = plainText(text, PROGRESS_MAX_LENGTH);
    const target = percent === undefined ? this.shown : Math.min(100, Math.max(this.shown, Math.floor(percent)));
    const increment = target - this.shown;
    if (increment === 0 && message === this.lastMessage) return;
    this.shown = target;
    this.lastMessage = message;
    this.progress.report({ message, increment: increment > 0 ? increment : undefined });
    this.observer?.({ percent: target, message });
  }
}

/** Maps 0..100 of a phase into [from, to] of the whole operation. */
export function within(from: number, to: number, percent: number): number {
  return from + ((to - from) * Math.min(100, Math.max(0, percent))) / 100;
}
