// Shared helpers for the sandbox's own tests: one sandbox per test file, SDK clients, error checks.
import * as assert from 'node:assert/strict';
import { ECRClient } from '@aws-sdk/client-ecr';
import { startSandbox, type SandboxAccount, type SandboxInternals } from '../../sandbox';

/** Starts one sandbox for the enclosing describe() and stops it afterwards (also when tests fail). */
export function useSandbox(options: { seed?: boolean } = {}): () => SandboxInternals {
  let sandbox: SandboxInternals | undefined;
  before(async function () {
    this.timeout(120_000); // the first start may also start the Docker Engine
    sandbox = await startSandbox({ seed: options.seed, log: process.env.SANDBOX_LOG ? (line) => console.log(`[sandbox] ${line}`) : undefined });
  });
  afterEach(() => sandbox?.resetFaults());
  after(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };
}

/** The unmodified SDK client, pointed at the sandbox; no retries so fault counts are exact. */
export function ecrClient(sandbox: SandboxInternals, account: SandboxAccount = sandbox.accounts[0], region = account.region): ECRClient {
  return new ECRClient({
    endpoint: sandbox.endpoint,
    region,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: 1,
  });
}

/** Asserts the promise rejects with an error whose SDK-visible name is `name`; returns the error. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}
