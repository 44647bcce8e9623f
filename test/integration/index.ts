// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js of the integration suite and writes the counts to $ECR_TEST_RESULTS.
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { findTests, runMocha, SuiteResult, writeResult } from '../support/results';
import { emit, flushOutput } from './output';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = emit;
  try {
    await runSuite();
  } finally {
    await flushOutput();
  }
}

async function runSuite(): Promise<void> {
  const host = `VS Code ${vscode.version} extension host (${vscode.env.appHost}, Node ${process.version})`;
  emit(`Integration suite running in ${host}`);
  let result: SuiteResult;
  try {
    result = await runMocha('integration', host, findTests(__dirname), { timeout: 60_000 });
  } catch (error) {
    result = { suite: 'integration', host, passed: 0, failed: 1, skipped: 0, failures: [{ title: 'suite could not run', error: String(error) }] };
  }
  if (process.env.ECR_TEST_RESULTS) writeResult(process.env.ECR_TEST_RESULTS, result);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}
