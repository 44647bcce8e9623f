// The suite's report lines. Under the offline launcher they go to the launcher (which prints
// them in order), because the workbench page does not format forwarded console output.
import { format } from 'node:util';

let pending: Promise<void> = Promise.resolve();

export function emit(...args: unknown[]): void {
  const text = format(...args);
  const url = process.env.ECR_TEST_UI;
  if (!url) {
    console.log(text);
    return;
  }
  const body = JSON.stringify({ action: 'log', text });
  pending = pending.then(() => fetch(url, { method: 'POST', body }).then(() => undefined, () => console.log(text)));
}

/** Resolves when every emitted line has reached the launcher. */
export function flushOutput(): Promise<void> {
  return pending;
}
