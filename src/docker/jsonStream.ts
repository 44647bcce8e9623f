// The engine answers build/push/pull with newline-delimited JSON messages; this reads them one by
// one from the HTTP response as they arrive (never buffering the whole stream) and handles abort.
import type { Readable } from 'node:stream';
import { CancelledError, isAbortError } from './errors';

/** One message of the engine's JSON progress stream (build, push, pull share this shape). */
export interface JsonMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/** Yields each JSON message of `stream`; lines that are not JSON are yielded as `{ stream: line }`. */
export async function* readJsonMessages(stream: Readable): AsyncGenerator<JsonMessage> {
  let pending = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield parseLine(line);
    }
  }
  if (pending.trim()) yield parseLine(pending.trim());
}

function parseLine(line: string): JsonMessage {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as JsonMessage) : { stream: line };
  } catch {
    return { stream: line };
  }
}

/**
 * Runs one streamed engine call: `start` opens the HTTP stream (dockerode aborts the request
 * itself while it is being sent), then every message goes to `onMessage`. Aborting `signal`
 * destroys the response, which makes the engine stop the work, and rejects with CancelledError.
 */
export async function runStreamed(
  what: string,
  signal: AbortSignal | undefined,
  start: () => Promise<Readable>,
  onMessage: (message: JsonMessage) => void,
): Promise<void> {
  if (signal?.aborted) throw new CancelledError(`${what} was cancelled.`);
  let response: Readable;
  try {
    response = await start();
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw new CancelledError(`${what} was cancelled.`);
    throw error;
  }
  const onAbort = (): void => {
    response.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const message of readJsonMessages(response)) {
      if (signal?.aborted) break;
      onMessage(message);
    }
    if (signal?.aborted) throw new CancelledError(`${what} was cancelled.`);
  } catch (error) {
    if (signal?.aborted) throw new CancelledError(`${what} was cancelled.`);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    response.destroy();
  }
}
