// Tag, push and pull against the real engine and a real registry (distribution 2.8) with
// htpasswd basic auth (user AWS, random password), as ECR's AWS:<token> auth looks to the engine.
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type Docker from 'dockerode';
import { buildImage } from '../../../src/docker/build';
import { connect } from '../../../src/docker/connection';
import type { RegistryAuth } from '../../../src/docker/ecrAuth';
import { AuthError, CancelledError, DockerError } from '../../../src/docker/errors';
import { listLocalImages, tagImage } from '../../../src/docker/images';
import { pullImage } from '../../../src/docker/pull';
import { pushImage } from '../../../src/docker/push';
import type { TransferEvent } from '../../../src/docker/transfer';
import { fixtureContext, removeImages } from './support/fixtures';
import { startRegistry, type TestRegistry } from './support/registry';

const MANIFEST_TYPES = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

describe('docker/push + pull (real engine, real registry with basic auth)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let registry: TestRegistry;
  let auth: RegistryAuth;
  let smallId: string;
  let bigId: string;
  const images = new Set<string>();
  const dirs: string[] = [];

  before(async () => {
    docker = (await connect()).docker;
    registry = await startRegistry();
    auth = { username: registry.username, password: registry.password, serveraddress: registry.host };
    const app = await fixtureContext('app');
    dirs.push(app.dir);
    // A label of this run's own: the fixture alone builds the same image id in every run, and another
    // run on the same engine (a second checkout) would remove it from under this one.
    smallId = (await buildImage(docker, { contextDir: app.dir, target: 'final', labels: { 'ecr-test.run': randomUUID() } })).imageId;
    bigId = await buildBigImage();
    images.add(smallId).add(bigId);
  });
  after(async () => {
    await removeImages(docker, images);
    await registry?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  /** Two random layers of 32 MB each, so a push takes long enough to be cancelled midway. */
  async function buildBigImage(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-test-big-'));
    dirs.push(dir);
    for (const name of ['a.bin', 'b.bin']) {
      const out = createWriteStream(join(dir, name));
      for (let i = 0; i < 32; i++) if (!out.write(randomBytes(1 << 20))) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
    }
    await copyFile('/bin/busybox', join(dir, 'busybox'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n');
    return (await buildImage(docker, { contextDir: dir })).imageId;
  }

  async function tagged(id: string, repo: string, tag: string): Promise<string> {
    const ref = `${registry.host}/${repo}:${tag}`;
    await tagImage(docker, id, ref);
    images.add(ref);
    return ref;
  }

  function assertNoSecret(events: TransferEvent[], error?: unknown): void {
    const text = JSON.stringify(events) + (error instanceof Error ? `${error.message} ${(error as DockerError).detail ?? ''} ${error.stack}` : '');
    assert.ok(!text.includes(registry.password), 'password must not appear');
    assert.ok(!text.includes(Buffer.from(`AWS:${registry.password}`).toString('base64')), 'encoded credentials must not appear');
  }

  it('pushes with auth; the registry has the manifest under the digest the push reported; progress reaches 100 moving forward only', async () => {
    const ref = await tagged(smallId, 'team/app', 'v1');
    const events: TransferEvent[] = [];
    const result = await pushImage(docker, ref, { auth, onEvent: (e) => events.push(e) });
    assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);

    const head = await registry.fetch('/v2/team/app/manifests/v1', { method: 'HEAD', headers: { accept: MANIFEST_TYPES } });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('docker-content-digest'), result.digest);

    const progress = events.filter((e) => e.kind === 'progress');
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].percent >= progress[i - 1].percent, 'percent never goes back');
    assert.equal(progress.at(-1)?.percent, 100);
    assert.ok(events.some((e) => e.kind === 'log' && e.text.includes(`The push refers to repository [${registry.host}/team/app]`)));
    assertNoSecret(events);
  });

  it('push without credentials -> AuthError', async () => {
    const ref = await tagged(smallId, 'team/app', 'noauth');
    await assert.rejects(pushImage(docker, ref), (e: Error) => {
      assert.ok(e instanceof AuthError, String(e));
      assert.match(e.message, new RegExp(`^Push of ${ref} failed: the registry refused the credentials`));
      return true;
    });
  });

  it('push with a wrong password -> AuthError that contains neither password', async () => {
    const ref = await tagged(smallId, 'team/app', 'badauth');
    const wrong = { ...auth, password: `wrong-${randomBytes(8).toString('hex')}` };
    const events: TransferEvent[] = [];
    let caught: unknown;
    await assert.rejects(
      pushImage(docker, ref, { auth: wrong, onEvent: (e) => events.push(e) }).catch((e: unknown) => {
        caught = e;
        throw e;
      }),
      AuthError,
    );
    assertNoSecret(events, caught);
    assert.ok(!(caught as Error).message.includes(wrong.password));
  });

  it('cancel mid-push -> CancelledError; a retry afterwards pushes the image', async () => {
    const ref = await tagged(bigId, 'team/big', 'v1');
    const controller = new AbortController();
    const seen: TransferEvent[] = [];
    await assert.rejects(
      pushImage(docker, ref, {
        auth,
        signal: controller.signal,
        onEvent: (e) => {
          seen.push(e);
          if (e.kind === 'progress' && e.bytesDone > 0) controller.abort();
        },
      }),
      CancelledError,
    );
    const before = seen.filter((e) => e.kind === 'progress').at(-1);
    assert.ok(before && before.percent < 100, `cancelled at ${before?.percent}%`);
    const missing = await registry.fetch('/v2/team/big/manifests/v1', { method: 'HEAD', headers: { accept: MANIFEST_TYPES } });
    assert.equal(missing.status, 404, 'no manifest after a cancelled push');

    const result = await pushImage(docker, ref, { auth });
    const head = await registry.fetch('/v2/team/big/manifests/v1', { method: 'HEAD', headers: { accept: MANIFEST_TYPES } });
    assert.equal(head.headers.get('docker-content-digest'), result.digest);
  });

  it('an already aborted signal -> CancelledError without contacting the registry', async () => {
    const ref = await tagged(smallId, 'team/app', 'v1');
    await assert.rejects(pushImage(docker, ref, { auth, signal: AbortSignal.abort() }), CancelledError);
  });

  it('pulls by tag and by digest after the local tag is removed', async () => {
    const ref = await tagged(smallId, 'team/pull', 'v1');
    const { digest } = await pushImage(docker, ref, { auth });
    await docker.getImage(ref).remove();

    const events: TransferEvent[] = [];
    const byTag = await pullImage(docker, ref, { auth, onEvent: (e) => events.push(e) });
    assert.equal(byTag.imageId, smallId);
    assert.equal(byTag.digest, digest);
    assert.equal(events.filter((e) => e.kind === 'progress').at(-1)?.percent, 100);
    assertNoSecret(events);

    const byDigestRef = `${registry.host}/team/pull@${digest}`;
    images.add(byDigestRef);
    const byDigest = await pullImage(docker, byDigestRef, { auth });
    assert.equal(byDigest.imageId, smallId);
    assert.equal(byDigest.digest, digest);
  });

  it('pull with a wrong password -> AuthError; pull of a missing tag -> DockerError naming it', async () => {
    const ref = `${registry.host}/team/pull:v1`;
    await assert.rejects(pullImage(docker, ref, { auth: { ...auth, password: 'nope-nope' } }), AuthError);
    const missing = `${registry.host}/team/pull:does-not-exist`;
    await assert.rejects(pullImage(docker, missing, { auth }), (e: Error) => {
      assert.ok(e instanceof DockerError && !(e instanceof AuthError), String(e));
      assert.match(e.message, /^Pull of .*:does-not-exist failed: .*not found/);
      return true;
    });
  });

  it('listLocalImages shows tagged images with id, size and date', async () => {
    const ref = await tagged(smallId, 'team/list', 'v1');
    const found = (await listLocalImages(docker)).find((i) => i.repoTags.includes(ref));
    assert.ok(found, 'the tagged image is listed');
    assert.equal(found.id, smallId);
    assert.ok(found.size > 1_000_000, `size ${found.size}`);
    assert.ok(found.created.getTime() > Date.UTC(2020, 0, 1));
  });
});
