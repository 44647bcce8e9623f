import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcrExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'ecr-tools.ecr-explorer';

export async function activateExtension(): Promise<EcrExtensionApi> {
  const extension = vscode.extensions.getExtension<EcrExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export function packageJson(): { contributes: { commands: { command: string }[] } } & Record<string, unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  return extension.packageJSON;
}

/** Polls `check` until it holds; fails saying what was awaited when `timeoutMs` has passed. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
