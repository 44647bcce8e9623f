// `npm run test:electron`: the same integration suite through @vscode/test-electron, which
// downloads VS Code (needs internet; CI here uses the offline launcher instead).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { SuiteResult } from '../support/results';
import { repoRoot } from './codeServer';
import { integrationSetup } from './integrationSetup';
import { integrationEntry } from './offline';

async function main(): Promise<void> {
  const setup = await integrationSetup();
  const resultsFile = join(mkdtempSync(join(tmpdir(), 'ecr-results-')), 'results.json');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationEntry,
      launchArgs: [setup.workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { ...setup.env, ECR_TEST_RESULTS: resultsFile },
    }).catch(() => undefined); // a failing suite makes VS Code exit non-zero; the results file says more
  } finally {
    await setup.dispose();
  }
  if (!existsSync(resultsFile)) throw new Error('the integration suite reported no result');
  const result = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResult;
  console.log(`${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
  process.exitCode = result.failed > 0 ? 1 : 0;
}

void main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
