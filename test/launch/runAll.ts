// `npm test`: typecheck, lint, unit tests (plain Node) and the integration suite (inside the
// real VS Code extension host), then one line with the totals over everything that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiteResult } from '../support/results';
import { ensureCodeServer, repoRoot } from './codeServer';
import { demoEntry, integrationEntry, journeysEntry, restrictedEntry, runIntegration } from './offline';
import { demoSetup } from './demoSetup';
import { integrationSetup, type IntegrationSetup } from './integrationSetup';

const results: SuiteResult[] = [];

function check(name: string, command: string, args: string[]): void {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  const ok = run.status === 0;
  results.push({ suite: name, host: 'Node', passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, failures: ok ? [] : [{ title: name, error: `exit ${run.status}` }] });
}

/** `npm run package` builds a VSIX, and that VS Code installs it. */
function vsix(): void {
  check('package', 'npm', ['run', 'package']);
  const extensionsDir = mkdtempSync(join(tmpdir(), 'ecr-vsix-'));
  check('vsix install', process.execPath, [
    ensureCodeServer(),
    '--install-extension', join(repoRoot, 'dist-vsix', 'ecr-explorer.vsix'),
    '--extensions-dir', extensionsDir,
    '--accept-server-license-terms',
  ]);
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((d) => d.startsWith('ecr-tools.ecr-explorer-'));
  results.push({ suite: 'vsix content', host: 'Node', passed: installed ? 1 : 0, failed: installed ? 0 : 1, skipped: 0, failures: installed ? [] : [{ title: 'VSIX installed', error: `no ecr-tools.ecr-explorer-* in ${extensionsDir}` }] });
}

function unit(): void {
  console.log('\n=== unit tests (plain Node, no VS Code)');
  const file = join(mkdtempSync(join(tmpdir(), 'ecr-unit-')), 'results.json');
  const run = spawnSync(process.execPath, [join(repoRoot, 'out/test/unit/run.js')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ECR_TEST_RESULTS: file },
  });
  if (existsSync(file)) results.push(JSON.parse(readFileSync(file, 'utf8')) as SuiteResult);
  else results.push({ suite: 'unit', host: 'Node', passed: 0, failed: 1, skipped: 0, failures: [{ title: 'unit suite', error: `no result (exit ${run.status})` }] });
}

/** A suite inside a VS Code window of its own, against a sandbox of its own. */
async function inVsCode(suite: string, testsPath: string, setUp: () => Promise<IntegrationSetup> = () => integrationSetup(), restricted = false): Promise<void> {
  console.log(`\n=== ${suite} (inside VS Code)`);
  const setup = await setUp();
  try {
    const result = await runIntegration({ workspace: setup.workspace, env: setup.env, settings: setup.settings, testsPath, restricted });
    console.log(`The ${suite} suite ran in: ${result.host}`);
    results.push(result);
  } catch (error) {
    console.error(error);
    results.push({ suite, host: 'VS Code', passed: 0, failed: 1, skipped: 0, failures: [{ title: `${suite} run`, error: String(error) }] });
  } finally {
    await setup.dispose();
  }
}

async function main(): Promise<void> {
  const only = process.env.ECR_TEST_ONLY; // "unit", "integration", "journeys", "restricted" or "demo", for quick local runs
  if (!only) {
    check('typecheck', 'npx', ['tsc', '-p', '.', '--noEmit']);
    check('lint', 'npx', ['eslint', '-c', '.ci/eslint.config.mjs', '--max-warnings', '0', 'src', 'test']);
    vsix();
  }
  if (!only || only === 'unit') unit();
  if (!only || only === 'integration') await inVsCode('integration', integrationEntry);
  if (!only || only === 'journeys') await inVsCode('journeys', journeysEntry);
  // Restricted Mode: the fixtures folder opened untrusted, in a window of its own.
  if (!only || only === 'restricted') await inVsCode('restricted', restrictedEntry, undefined, true);
  // The demo's workspace, as `npm run demo` opens it: what a newcomer's first clicks meet.
  if (!only || only === 'demo') await inVsCode('demo', demoEntry, demoSetup);

  console.log('\n=== summary');
  for (const r of results) {
    console.log(`${r.suite.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  (${r.host})`);
    for (const f of r.failures) console.log(`  FAILED ${f.title}\n    ${f.error.split('\n').slice(0, 14).join('\n    ')}`);
  }
  const total = (key: 'passed' | 'failed' | 'skipped') => results.reduce((n, r) => n + r[key], 0);
  const skipped = total('skipped');
  console.log(`${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = total('failed') > 0 ? 1 : 0;
}

void main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
