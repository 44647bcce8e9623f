// The scan worker's entry (dist/scanWorker.js): scans the texts it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { scannerFor } from './index';
import type { ScanRequest } from './offThread';

// Loaded: the time limit of the first scan counts from here, not from the thread's start.
parentPort?.postMessage({ ready: true });
parentPort?.on('message', ({ id, path, languageId, text }: ScanRequest & { id: number }) => {
  const scanner = scannerFor(path, languageId, text);
  parentPort?.postMessage({ id, references: scanner ? scanner.scan(text) : [] });
});
