// Helpers of the push-area tests: the test repository, local images, a large random context,
// and the extension's real log file (what a user sees under "ECR: Show Log").
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { ProgressReport } from '../../../src/push/forwardProgress';
import { sandboxInfo } from '../sandbox';

/** The data-plane host of sandbox account `i` (what repositoryUri starts with). */
export function registryHost(i = 0): string {
  const info = sandboxInfo();
  const account = info.accounts[i];
  const registry = info.registries.find((r) => r.accountId === account.accountId && r.region === account.region);
  assert.ok(registry, `no sandbox registry for ${account.accountId}`);
  return registry.host;
}

/** A context folder with `megabytes` of random data, so a push takes a while and cannot be cached. */
export async function randomContext(megabytes: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-it-push-'));
  await writeFile(join(dir, 'blob.bin'), randomBytes(megabytes << 20));
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY blob.bin /blob.bin\n');
  return dir;
}

/** Whether `path` exists in the image's file system (via a created, never started container). */
export async function imageHasPath(docker: Docker, image: string, path: string): Promise<boolean> {
  const container = await docker.createContainer({ Image: image, Cmd: ['/none'] });
  try {
    await container.getArchive({ path });
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  } finally {
    await container.remove({ force: true });
  }
}

export async function removeLocalImages(docker: Docker, prefix: string): Promise<void> {
  for (const image of await docker.listImages()) {
    for (const tag of image.RepoTags ?? []) if (tag.startsWith(prefix)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  }
}

/** Percent values of a run only go up and end at 100. */
export function assertForwardOnly(reports: readonly ProgressReport[], finished = true): void {
  const percents = reports.map((r) => r.percent);
  percents.forEach((p, i) => assert.ok(i === 0 || p >= percents[i - 1], `percent went back: ${percents.join(' ')}`));
  if (finished) assert.equal(percents.at(-1), 100, `last percent: ${percents.join(' ')}`);
}

/**
 * The ECR log file the extension host writes (logs/SESSION/exthostN/ecr-tools.ecr-explorer/ECR.log)
 * of this session: the one that contains `marker`. Undefined under launchers with another layout.
 */
export function findLogFile(marker: string): string | undefined {
  for (const base of readdirSync(tmpdir()).filter((n) => n.startsWith('ecr-vscode-'))) {
    const logs = join(tmpdir(), base, 'user-data', 'logs');
    if (!existsSync(logs)) continue;
    for (const session of readdirSync(logs)) {
      for (const host of readdirSync(join(logs, session)).filter((n) => n.startsWith('exthost'))) {
        const file = join(logs, session, host, 'ecr-tools.ecr-explorer', 'ECR.log');
        if (existsSync(file) && readFileSync(file, 'utf8').includes(marker)) return file;
      }
    }
  }
  return undefined;
}
