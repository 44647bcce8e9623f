// What push and pull share: auth, cancellation, the JSON stream -> progress events and typed errors.
import type { Readable } from 'node:stream';
import { authSecrets, type RegistryAuth } from './ecrAuth';
import { classifyDockerError, DockerError } from './errors';
import { runStreamed } from './jsonStream';
import { ProgressAggregator, type ProgressSnapshot, type TransferKind } from './progress';
import { redactSecrets } from './redact';
import { errorMessage } from '../core/errors';

export type TransferEvent =
  | ({ readonly kind: 'progress' } & ProgressSnapshot)
  /** Lines that are not layer progress, e.g. "The push refers to repository [...]". */
  | { readonly kind: 'log'; readonly text: string };

export interface TransferOptions {
  /** Registry credentials; omit for anonymous access. */
  readonly auth?: RegistryAuth;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: TransferEvent) => void;
}

/** Runs one push/pull stream to its end; returns the digest the engine reported, if any. */
export async function runTransfer(
  kind: TransferKind,
  what: string,
  options: TransferOptions,
  start: () => Promise<Readable>,
): Promise<string | undefined> {
  const secrets = authSecrets(options.auth);
  const progress = new ProgressAggregator(kind);
  const emit = (event: TransferEvent): void => options.onEvent?.(event);
  try {
    await runStreamed(what, options.signal, start, (message) => {
      const failure = message.errorDetail?.message ?? message.error;
      if (failure) throw classifyDockerError(what, failure, secrets);
      const snapshot = progress.update(message);
      if (snapshot) emit({ kind: 'progress', ...snapshot });
      if (message.status && !message.id) emit({ kind: 'log', text: redactSecrets(message.status, secrets) });
    });
  } catch (error) {
    if (error instanceof DockerError) throw error;
    // The engine refused before streaming (HTTP 4xx/5xx) or the connection broke.
    throw classifyDockerError(what, errorMessage(error), secrets);
  }
  emit({ kind: 'progress', ...progress.finish() });
  return progress.digest;
}
