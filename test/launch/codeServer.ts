// Installs the offline VS Code (code-server's build of VS Code 1.100.3) into a cache folder and
// starts VS Code's own server from it. See ../shared/ENVIRONMENT.md for why each step is needed.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
const cacheDir = join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const serverMain = join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');

/** Installs code-server once; later calls find it in the cache. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  if (existsSync(serverMain)) return serverMain;
  log(`Installing code-server@${CODE_SERVER_VERSION} (VS Code 1.100.3) into ${cacheDir} ...`);
  seedRipgrepCache();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ name: 'vscode-offline', private: true }));
  execFileSync('npm', ['install', '--unsafe-perm', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    stdio: 'inherit',
    env: { ...process.env, npm_config_yes: 'true' },
  });
  if (!existsSync(serverMain)) throw new Error(`code-server installed, but ${serverMain} is missing`);
  return serverMain;
}

/** @vscode/ripgrep downloads rg at install time; hand it Debian's rg through its download cache. */
function seedRipgrepCache(): void {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const cache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(tarball)) return;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  execFileSync('cp', [rg, join(staging, 'rg')]);
  execFileSync('tar', ['-czf', tarball, '-C', staging, 'rg']);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface VsCodeServer {
  readonly port: number;
  readonly process: ChildProcess;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Workbench URL opening `folder`, loading the extension at `extensionPath` and optionally running tests. */
  url(folder: string, extensionPath: string, testsPath?: string): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** User settings added to the fresh profile. */
  settings?: Readonly<Record<string, unknown>>;
  /** Write the server's output here instead of discarding it. */
  output?: (chunk: string) => void;
  /** Workspace trust on, no startup prompt: a folder never trusted before opens in Restricted Mode. */
  restricted?: boolean;
}

/** Starts VS Code's server with a fresh user-data and extensions folder. */
export async function startServer(options: ServerOptions = {}): Promise<VsCodeServer> {
  const main = ensureCodeServer(options.log);
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'ecr-vscode-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // Quiet workbench: no welcome page, no telemetry prompt, no update checks.
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      ...(options.restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
      ...options.settings,
    }),
  );
  // An empty value in options.env removes the variable (e.g. the caller's AWS credentials).
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key];
  const child = spawn(
    process.execPath,
    [
      main,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      ...(options.restricted ? [] : ['--disable-workspace-trust']),
      '--disable-telemetry',
      '--user-data-dir', userDataDir,
      '--server-data-dir', join(base, 'server-data'),
      '--extensions-dir', extensionsDir,
      // AWS console links open without VS Code's "open external website?" dialog (refused in tests).
      '--link-protection-trusted-domains', 'https://console.aws.amazon.com',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  const output = options.output ?? (() => undefined);
  child.stdout?.setEncoding('utf8').on('data', output);
  child.stderr?.setEncoding('utf8').on('data', output);
  await waitForHttp(`http://127.0.0.1:${port}/version`, child, 60_000);
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    process: child,
    userDataDir,
    extensionsDir,
    url(folder, extensionPath, testsPath) {
      const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionPath)]];
      if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
      return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    stop: () => stopProcess(child),
  };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`VS Code server did not answer at ${url} within ${timeoutMs} ms`);
}

export function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
