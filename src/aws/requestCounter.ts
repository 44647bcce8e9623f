// Counts ECR API calls by operation, so tests and benchmarks can state how many requests
// a feature costs. Calls are counted once per command; attempts once per HTTP try (retries).
import type { ECRClient } from '@aws-sdk/client-ecr';

export class RequestCounter {
  private readonly calls = new Map<string, number>();
  private readonly attempts = new Map<string, number>();

  recordCall(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  recordAttempt(operation: string): void {
    this.attempts.set(operation, (this.attempts.get(operation) ?? 0) + 1);
  }

  /** Commands sent for `operation` (e.g. "DescribeImages"), or for all operations. */
  count(operation?: string): number {
    return operation === undefined ? sum(this.calls) : this.calls.get(operation) ?? 0;
  }

  /** HTTP attempts, including retries. */
  attemptCount(operation?: string): number {
    return operation === undefined ? sum(this.attempts) : this.attempts.get(operation) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.calls].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.calls.clear();
    this.attempts.clear();
  }
}

/** Adds counting middleware to a client; the SDK itself is unchanged. */
export function attachRequestCounter(client: ECRClient, counter: RequestCounter): void {
  const operationOf = (commandName: unknown): string =>
    typeof commandName === 'string' ? commandName.replace(/Command$/, '') : 'Unknown';
  client.middlewareStack.add(
    (next, context) => (args) => {
      counter.recordCall(operationOf(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'ecrExplorerCountCalls' },
  );
  // The deserialize step runs inside the retry loop, once per attempt.
  client.middlewareStack.add(
    (next, context) => (args) => {
      counter.recordAttempt(operationOf(context.commandName));
      return next(args);
    },
    { step: 'deserialize', name: 'ecrExplorerCountAttempts' },
  );
}

function sum(map: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const value of map.values()) total += value;
  return total;
}
