// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every
// *.test.js of the integration suite and writes the counts to $ECR_TEST_RESULTS.
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { findTests, runMocha, SuiteResult, writeResult } from '../support/results';
import { emit, flushOutput } from './output';

export function run(): Promise<void> {
  return runSuiteIn('integration', findTests(__dirname));
}

/** Runs `files` as the suite `suite` in this extension host and writes the counts to $ECR_TEST_RESULTS. */
export async function runSuiteIn(suite: string, files: string[]): Promise<void> {
  Mocha.reporters.Base.consoleLog = emit;
  try {
    const host = `VS Code ${vscode.version} extension host (${vscode.env.appHost}, Node ${process.version})`;
    emit(`${suite} suite running in ${host}`);
    let result: SuiteResult;
    try {
      result = await runMocha(suite, host, files, { timeout: 60_000 });
    } catch (error) {
      result = { suite, host, passed: 0, failed: 1, skipped: 0, failures: [{ title: 'suite could not run', error: String(error) }] };
    }
    if (process.env.ECR_TEST_RESULTS) writeResult(process.env.ECR_TEST_RESULTS, result);
    if (result.failed > 0) throw new Error(`${result.failed} ${suite} test(s) failed`);
  } finally {
    await flushOutput();
  }
}
