// The context tar, unpacked with tar-fs into a temp dir: what the engine would receive.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-fs';
import { createBuildContext } from '../../../src/docker/buildContext';
import { fixtureContext, run } from './support/fixtures';

async function listTree(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listTree(path, root)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

async function unpack(contextDir: string, dockerfile?: string): Promise<{ files: string[]; dockerfile: string; dir: string }> {
  const ctx = await createBuildContext({ contextDir, dockerfile });
  const dir = await mkdtemp(join(tmpdir(), 'ecr-test-unpacked-'));
  await pipeline(ctx.stream, extract(dir));
  return { files: await listTree(dir), dockerfile: ctx.dockerfile, dir };
}

describe('docker/buildContext', () => {
  const cleanup: string[] = [];
  afterEach(async () => {
    for (const d of cleanup.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('honours .dockerignore with a "!" exception, always sends Dockerfile and .dockerignore', async () => {
    const fixture = await fixtureContext('app');
    cleanup.push(fixture.dir);
    // Ignore the Dockerfile and .dockerignore too: the CLI still sends them, so must we.
    await writeFile(join(fixture.dir, '.dockerignore'), `${await readFile(join(fixture.dir, '.dockerignore'), 'utf8')}\nDockerfile\n.dockerignore\n`);
    const { files, dockerfile, dir } = await unpack(fixture.dir);
    cleanup.push(dir);
    assert.equal(dockerfile, 'Dockerfile');
    assert.deepEqual(files, ['.dockerignore', 'Dockerfile', 'Dockerfile.fail', 'app/hello.txt', 'app/logs/keep.log', 'busybox']);
  });

  it('adds a Dockerfile from outside the context under a generated name', async () => {
    const fixture = await fixtureContext('app');
    const outside = await mkdtemp(join(tmpdir(), 'ecr-test-outside-'));
    cleanup.push(fixture.dir, outside);
    await writeFile(join(outside, 'Custom.Dockerfile'), 'FROM scratch\nCOPY app/hello.txt /\n');
    const { files, dockerfile, dir } = await unpack(fixture.dir, join(outside, 'Custom.Dockerfile'));
    cleanup.push(dir);
    assert.match(dockerfile, /^\.ecr-explorer-dockerfile-[0-9a-f]{12}$/);
    assert.ok(files.includes(dockerfile));
    assert.equal(await readFile(join(dir, dockerfile), 'utf8'), 'FROM scratch\nCOPY app/hello.txt /\n');
    assert.ok(!files.includes('app/secret.txt'));
  });

  it('keeps a Dockerfile that lives in an ignored folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecr-test-ctx-'));
    cleanup.push(root);
    await mkdir(join(root, 'build'));
    await writeFile(join(root, 'build', 'Dockerfile'), 'FROM scratch\n');
    await writeFile(join(root, 'build', 'other.txt'), 'x');
    await writeFile(join(root, '.dockerignore'), 'build\n');
    const { files, dockerfile, dir } = await unpack(root, 'build/Dockerfile');
    cleanup.push(dir);
    assert.equal(dockerfile, 'build/Dockerfile');
    assert.deepEqual(files, ['.dockerignore', 'build/Dockerfile']);
  });

  it('<Dockerfile>.dockerignore beside the Dockerfile wins over .dockerignore, and is sent itself', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecr-test-ctx-'));
    cleanup.push(root);
    await mkdir(join(root, 'deploy'));
    await writeFile(join(root, 'deploy', 'app.Dockerfile'), 'FROM scratch\nCOPY . /\n');
    await writeFile(join(root, 'deploy', 'app.Dockerfile.dockerignore'), '.env\n');
    await writeFile(join(root, '.dockerignore'), 'notes.txt\n');
    await writeFile(join(root, '.env'), 'TOKEN=x');
    await writeFile(join(root, 'notes.txt'), 'n');
    const { files, dir } = await unpack(root, 'deploy/app.Dockerfile');
    cleanup.push(dir);
    assert.deepEqual(files, ['.dockerignore', 'deploy/app.Dockerfile', 'deploy/app.Dockerfile.dockerignore', 'notes.txt']);
  });

  it('<Dockerfile>.dockerignore also applies to a Dockerfile outside the context', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecr-test-ctx-'));
    const outside = await mkdtemp(join(tmpdir(), 'ecr-test-outside-'));
    cleanup.push(root, outside);
    await writeFile(join(outside, 'app.Dockerfile'), 'FROM scratch\nCOPY . /\n');
    await writeFile(join(outside, 'app.Dockerfile.dockerignore'), '*.env\n');
    await writeFile(join(root, 'prod.env'), 'TOKEN=x');
    await writeFile(join(root, 'main.txt'), 'm');
    const { files, dockerfile, dir } = await unpack(root, join(outside, 'app.Dockerfile'));
    cleanup.push(dir);
    assert.deepEqual(files, [dockerfile, 'main.txt'].sort());
  });

  it('skips sockets and FIFOs, telling which, instead of failing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecr-test-ctx-'));
    cleanup.push(root);
    await writeFile(join(root, 'Dockerfile'), 'FROM scratch\n');
    await mkdir(join(root, 'run'));
    await run('mkfifo', [join(root, 'run', 'pipe')]);
    const server = createServer().listen(join(root, 'run', 'app.sock'));
    await once(server, 'listening');
    const skipped: string[] = [];
    try {
      const ctx = await createBuildContext({ contextDir: root, onSkipped: (path, kind) => skipped.push(`${path}: ${kind}`) });
      const dir = await mkdtemp(join(tmpdir(), 'ecr-test-unpacked-'));
      cleanup.push(dir);
      await pipeline(ctx.stream, extract(dir));
      assert.deepEqual(await listTree(dir), ['Dockerfile']);
    } finally {
      server.close();
    }
    assert.deepEqual(skipped.sort(), ['run/app.sock: socket', 'run/pipe: FIFO (named pipe)']);
  });
});
