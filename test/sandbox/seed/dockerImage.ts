// Helpers for tests that drive the real docker CLI: build a tiny local image FROM scratch with
// busybox (no Docker Hub needed), and run docker with a private DOCKER_CONFIG directory.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DockerResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the docker CLI; never throws on a non-zero exit (tests look at the result). */
export function docker(args: readonly string[], options: { input?: string; configDir?: string; timeoutMs?: number } = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...(options.configDir ? { DOCKER_CONFIG: options.configDir } : {}) };
    const child = execFile('docker', [...args], { env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Builds `tag` FROM scratch with /bin/busybox and a marker file (so each build has its own digest). */
export async function buildBusyboxImage(tag: string, marker = `${tag} ${Date.now()} ${Math.random()}`): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-build-'));
  try {
    copyFileSync('/bin/busybox', join(dir, 'busybox'));
    writeFileSync(join(dir, 'marker'), `${marker}\n`);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY marker /marker\nCMD ["/bin/busybox", "sh"]\n');
    const result = await docker(['build', '-q', '-t', tag, dir]);
    if (result.code !== 0) throw new Error(`docker build failed: ${result.stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A private docker config directory (so `docker login` never touches ~/.docker). */
export function tempDockerConfig(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-docker-config-'));
  writeFileSync(join(dir, 'config.json'), '{}', { mode: 0o600 });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
