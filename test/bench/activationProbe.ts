// Runs inside the VS Code extension host for the benchmark: activates the extension and
// writes the time it spent in activate() to $ECR_TEST_RESULTS.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EcrExtensionApi } from '../../src/extension';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<EcrExtensionApi>('ecr-tools.ecr-explorer');
  if (!extension) throw new Error('extension not found');
  const api = await extension.activate();
  writeFileSync(process.env.ECR_TEST_RESULTS ?? '', JSON.stringify({ activationMs: api.activationMs, vscode: vscode.version }));
}
