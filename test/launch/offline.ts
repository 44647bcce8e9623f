// Runs the integration suite inside a real VS Code extension host: VS Code's server from
// code-server@4.100.3, opened in headless Chromium with the `payload` URL that loads the
// extension under development and its tests. Results come back through a file.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiteResult } from '../support/results';
import { repoRoot, startServer } from './codeServer';
import { openWorkbench, serveUi, Workbench } from './workbench';

export interface IntegrationOptions {
  /** Folder opened in the workbench. */
  readonly workspace: string;
  /** Extra environment for the server and so for the extension host (e.g. the sandbox's). */
  readonly env?: Readonly<Record<string, string>>;
  /** User settings merged into the fresh profile. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Tests entry; the integration suite by default. */
  readonly testsPath?: string;
  readonly timeoutMs?: number;
  readonly screenshotDir?: string;
  readonly log?: (line: string) => void;
  /** Open the folder in Restricted Mode (workspace trust on, folder not trusted). */
  readonly restricted?: boolean;
}

export const integrationEntry = join(repoRoot, 'out', 'test', 'integration', 'index.js');
export const journeysEntry = join(repoRoot, 'out', 'test', 'integration', 'journeys', 'index.js');
export const restrictedEntry = join(repoRoot, 'out', 'test', 'integration', 'restricted', 'index.js');
export const demoEntry = join(repoRoot, 'out', 'test', 'integration', 'demo', 'index.js');

export function runIntegration(options: IntegrationOptions): Promise<SuiteResult> {
  return runInVsCode<SuiteResult>(options);
}

/** Opens VS Code with the extension and `testsPath`, and returns what that entry wrote to $ECR_TEST_RESULTS. */
export async function runInVsCode<T>(options: IntegrationOptions): Promise<T> {
  const log = options.log ?? ((line: string) => console.log(line));
  const resultsFile = join(mkdtempSync(join(tmpdir(), 'ecr-results-')), 'results.json');
  const screenshotDir = options.screenshotDir ?? join(repoRoot, 'test-results', 'screenshots');
  let workbench: Workbench | undefined;
  const ui = await serveUi(() => workbench, (line) => console.log(`  ${line}`));
  const serverLog: string[] = [];
  const server = await startServer({
    log,
    settings: options.settings,
    restricted: options.restricted,
    env: { ...options.env, ECR_TEST_RESULTS: resultsFile, ECR_TEST_UI: ui.url },
    output: (chunk) => {
      serverLog.push(chunk);
      if (process.env.ECR_TEST_VERBOSE) process.stdout.write(chunk);
    },
  });
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  try {
    const url = server.url(options.workspace, repoRoot, options.testsPath ?? integrationEntry);
    log(`Opening the VS Code workbench at http://127.0.0.1:${server.port}/ in headless Chromium`);
    workbench = await openWorkbench(url, screenshotDir);
    const result = await waitForResults<T>(resultsFile, timeoutMs, server.process);
    if ((result as Partial<SuiteResult>).failed) log(`Screenshot of the failing run: ${await workbench.screenshot('integration-failure')}`);
    return result;
  } catch (error) {
    if (workbench) log(`Screenshot at the error: ${await workbench.screenshot('integration-error').catch(() => 'none')}`);
    log(serverLog.join('').split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    await workbench?.close().catch(() => undefined);
    await server.stop();
    ui.server.close();
  }
}

async function waitForResults<T>(file: string, timeoutMs: number, server: { exitCode: number | null }): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as T;
      } catch {
        // being written; read again
      }
    }
    if (server.exitCode !== null) throw new Error(`VS Code server exited (code ${server.exitCode}) before the suite reported`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The integration suite reported no result within ${Math.round(timeoutMs / 1000)} s`);
}
