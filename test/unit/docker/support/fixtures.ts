// Copies of the fixture contexts in temp dirs (with /bin/busybox added), and image clean-up.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { JsonMessage } from '../../../../src/docker/jsonStream';

export const run = promisify(execFile);

/** test/fixtures/docker, found from the compiled test's location (out/test/unit/docker/support). */
export const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/docker');

/** The messages of an engine response recorded in test/fixtures/docker/recorded/<name> (one JSON a line). */
export function recorded(name: string): JsonMessage[] {
  return readFileSync(join(FIXTURES, 'recorded', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JsonMessage);
}

/** A temp copy of fixture `name` with busybox in it; remove() deletes it. */
export async function fixtureContext(name: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `ecr-test-${name}-`));
  await cp(join(FIXTURES, name), dir, { recursive: true });
  await copyFile('/bin/busybox', join(dir, 'busybox'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Removes images by reference or id, ignoring ones already gone. */
export async function removeImages(docker: Docker, refs: Iterable<string>): Promise<void> {
  for (const ref of refs) {
    try {
      await docker.getImage(ref).remove({ force: true });
    } catch {
      // Already gone.
    }
  }
}

/** The files (not folders) under `under` in the image's filesystem, relative to it, sorted. */
export async function imageFiles(docker: Docker, image: string, under: string): Promise<string[]> {
  const container = await docker.createContainer({ Image: image, Cmd: ['none'] });
  try {
    const { stdout } = await run('sh', ['-c', `docker export ${container.id} | tar -t`], { maxBuffer: 64 << 20 });
    const prefix = under.replace(/^\//, '');
    return stdout.split('\n').filter((f) => f.startsWith(prefix) && !f.endsWith('/')).map((f) => f.slice(prefix.length)).sort();
  } finally {
    await container.remove({ force: true });
  }
}

/** Runs the image's command in a container without network; returns its output. */
export async function runImage(docker: Docker, image: string, cmd?: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: cmd, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    return demux(logs);
  } finally {
    await container.remove({ force: true });
  }
}

/** Strips the 8-byte stream headers of a non-TTY container log. */
function demux(buffer: Buffer): string {
  let out = '';
  for (let i = 0; i + 8 <= buffer.length; ) {
    const size = buffer.readUInt32BE(i + 4);
    out += buffer.subarray(i + 8, i + 8 + size).toString('utf8');
    i += 8 + size;
  }
  return out;
}

/**
 * Ids of all images now; pass to removeNewUntagged() later to delete the untagged intermediates a
 * failed classic build leaves behind (only those that appeared in between, never forced).
 */
export async function imageIds(docker: Docker): Promise<Set<string>> {
  return new Set((await docker.listImages({ all: true })).map((i) => i.Id));
}

export async function removeNewUntagged(docker: Docker, before: ReadonlySet<string>): Promise<void> {
  // Newest first: a child must go before its parent.
  const fresh = (await docker.listImages({ all: true }))
    .filter((i) => !before.has(i.Id) && (i.RepoTags ?? []).every((t) => t === '<none>:<none>'))
    .sort((a, b) => b.Created - a.Created);
  for (const image of fresh) {
    try {
      await docker.getImage(image.Id).remove();
    } catch {
      // In use or already gone with its child.
    }
  }
}
