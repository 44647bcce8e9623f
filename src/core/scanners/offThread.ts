// Scans big documents on a worker thread. Broken YAML falls back to the full parser (about
// 0.5 MB/s); meanwhile the extension host goes on answering, and a scan that runs past its time
// limit is stopped (its worker replaced) instead of holding the editor. No vscode import.
import { Worker } from 'node:worker_threads';
import type { ImageReference } from './types';

export interface ScanRequest {
  /** The file's path: picks the scanner with the language id and the text. */
  readonly path: string;
  readonly languageId?: string;
  readonly text: string;
}

export class ScanTimeoutError extends Error {
  constructor(path: string, limitMs: number) {
    super(`Scanning ${path} for image references took longer than ${limitMs / 1000} s and was stopped.`);
    this.name = 'ScanTimeoutError';
  }
}

interface Queued {
  readonly id: number;
  readonly request: ScanRequest;
  resolve(references: ImageReference[]): void;
  reject(error: unknown): void;
}

/** One worker, one scan at a time (in the order asked); the time limit counts from when the worker, loaded, starts it. */
export class ScanWorker {
  private worker?: Worker;
  private ready = false;
  private current?: { readonly job: Queued; timer?: NodeJS.Timeout };
  private readonly queue: Queued[] = [];
  private lastId = 0;

  /** `script`: the worker's entry (dist/scanWorker.js). */
  constructor(private readonly script: string, private readonly timeLimitMs: number) {}

  scan(request: ScanRequest): Promise<ImageReference[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.lastId, request, resolve, reject });
      this.next();
    });
  }

  dispose(): void {
    this.stop(new Error('The scan worker was closed.'));
    for (const job of this.queue.splice(0)) job.reject(new Error('The scan worker was closed.'));
  }

  private next(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = (this.worker ??= this.start());
    this.current = { job };
    if (this.ready) this.startTimer();
    worker.postMessage({ id: job.id, ...job.request });
  }

  private startTimer(): void {
    const current = this.current;
    if (!current) return;
    current.timer = setTimeout(() => this.stop(new ScanTimeoutError(current.job.request.path, this.timeLimitMs)), this.timeLimitMs);
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    this.ready = false;
    worker.on('message', (message: { ready: true } | { id: number; references: ImageReference[] }) => {
      if (worker !== this.worker) return;
      if ('ready' in message) {
        this.ready = true;
        return this.startTimer();
      }
      const { id, references } = message;
      if (this.current?.job.id !== id) return;
      clearTimeout(this.current.timer);
      this.current.job.resolve(references);
      this.current = undefined;
      this.next();
    });
    worker.on('error', (error) => {
      if (worker === this.worker) this.stop(error);
    });
    // An idle worker does not keep the process alive.
    worker.unref();
    return worker;
  }

  /** Ends the scan under way with `error` and its worker; the next scan gets a new one. */
  private stop(error: unknown): void {
    const current = this.current;
    this.current = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(error);
    }
    this.next();
  }
}
