// Builds FROM a base image in a private non-ECR registry (real engine, real registry behind
// htpasswd) with the credentials docker config.json gives: from "auths" and from a credential
// helper process, under both builders; without them the registry refuses. DOCKER_CONFIG points
// at temp folders, never at ~/.docker.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { buildImage, type BuildOptions } from '../../../src/docker/build';
import { chooseBuilder, type Builder } from '../../../src/docker/buildkit';
import { connect } from '../../../src/docker/connection';
import type { RegistryAuth } from '../../../src/docker/ecrAuth';
import { BuildError } from '../../../src/docker/errors';
import { pushImage } from '../../../src/docker/push';
import { configDir, helperDir, knowsOne, type HelperDir } from './support/credentialHelper';
import { removeImages } from './support/fixtures';
import { startRegistry, type TestRegistry } from './support/registry';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('docker/build FROM a private non-ECR registry with docker config.json credentials (real engine, registry, helpers)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let registry: TestRegistry;
  let auth: RegistryAuth;
  let base: string;
  let baseDir: string;
  let dir: string;
  let helpers: HelperDir;
  const savedDockerConfig = process.env.DOCKER_CONFIG;
  const images = new Set<string>();
  const cleanups: (() => Promise<void>)[] = [];

  before(async () => {
    docker = (await connect()).docker;
    registry = await startRegistry();
    auth = { username: registry.username, password: registry.password, serveraddress: registry.host };
    // A tiny FROM-scratch base image, pushed with the registry's credentials, then removed locally.
    baseDir = await mkdtemp(join(tmpdir(), 'ecr-test-scratch-base-'));
    await writeFile(join(baseDir, 'hello.txt'), 'hello from the private base\n');
    await writeFile(join(baseDir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    base = `${registry.host}/team/base:dc-${process.pid}`;
    const built = await buildImage(docker, { contextDir: baseDir, tags: [base] });
    images.add(built.imageId);
    await pushImage(docker, base, { auth });
    dir = await mkdtemp(join(tmpdir(), 'ecr-test-from-dockerconfig-'));
    await writeFile(join(dir, 'Dockerfile'), `FROM ${base}\nLABEL org.example.from=dockerconfig\n`);
    helpers = await helperDir();
    await helpers.helper('testhelper', knowsOne(registry.host, registry.username, registry.password));
    await helpers.helper('broken', 'echo "the keychain is locked" >&2; exit 2');
  });
  after(async () => {
    await removeImages(docker, [base, ...images]);
    await registry?.stop();
    await helpers?.remove();
    for (const d of [baseDir, dir]) if (d) await rm(d, { recursive: true, force: true });
  });
  afterEach(async () => {
    if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedDockerConfig;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** Points DOCKER_CONFIG at a temp folder with this config.json (none when undefined). */
  async function useDockerConfig(config?: unknown): Promise<void> {
    const made = await configDir(config);
    cleanups.push(made.remove);
    process.env.DOCKER_CONFIG = made.dir;
  }

  for (const builder of ['classic', 'buildkit'] as const satisfies readonly Builder[]) {
    describe(`${builder} builder`, () => {
      before(async function () {
        const offered = await chooseBuilder(docker, 'auto');
        if (builder === 'buildkit' && offered.builder !== 'buildkit') {
          console.log(`      (BuildKit tests skipped: ${offered.reason})`);
          this.skip();
        }
      });
      // Every case pulls the base from the registry, never from the engine's image store.
      beforeEach(() => removeImages(docker, [base, ...images]));

      async function buildsFromPrivateBase(extra: Partial<BuildOptions> = {}): Promise<string[]> {
        const lines: string[] = [];
        const result = await buildImage(docker, { builder, contextDir: dir, onEvent: (e) => lines.push(e.text), ...extra });
        images.add(result.imageId);
        const inspected = await docker.getImage(result.imageId).inspect();
        assert.equal(inspected.Config.Labels?.['org.example.from'], 'dockerconfig');
        assert.ok(!JSON.stringify(lines).includes(registry.password), 'the password must not appear in the build output');
        return lines;
      }

      it('without credentials in config.json the registry refuses the base image', async () => {
        await useDockerConfig({ auths: { 'other.example': { auth: b64('a:b') } } });
        await assert.rejects(buildImage(docker, { builder, contextDir: dir }), (e: Error) => {
          assert.ok(e instanceof BuildError, String(e));
          assert.match(e.message, /401|unauthorized|no basic auth credentials/i);
          return true;
        });
      });

      it('with the registry in config.json "auths" the build pulls the base image and succeeds', async () => {
        await useDockerConfig({ auths: { [registry.host]: { auth: b64(`${registry.username}:${registry.password}`) } } });
        const lines = await buildsFromPrivateBase();
        assert.ok(lines.some((l) => l.startsWith(`Base images from ${registry.host}: credentials from "auths" in `)), lines.join('\n'));
      });

      it('with a credHelpers entry the helper is asked for the host and the build succeeds', async () => {
        await useDockerConfig({ credHelpers: { [registry.host]: 'testhelper' } });
        const before = (await helpers.asked()).length;
        const lines = await buildsFromPrivateBase();
        assert.ok(lines.includes(`Base images from ${registry.host}: credentials from docker-credential-testhelper`), lines.join('\n'));
        assert.ok((await helpers.asked()).slice(before).includes(registry.host));
      });

      it('a credential helper that fails fails the build with its reason', async () => {
        await useDockerConfig({ credHelpers: { [registry.host]: 'broken' } });
        await assert.rejects(buildImage(docker, { builder, contextDir: dir }), (e: Error) => {
          assert.ok(e instanceof BuildError, String(e));
          assert.match(e.message, /docker-credential-broken get for 127\.0\.0\.1:\d+ failed \(exit code 2\): the keychain is locked/);
          return true;
        });
      });

      it('a credential helper that takes seconds (an unlock prompt) still gets its answer to the build', async () => {
        await helpers.helper('slow', `sleep 3\n${knowsOne(registry.host, registry.username, registry.password)}`);
        await useDockerConfig({ credHelpers: { [registry.host]: 'slow' } });
        const lines = await buildsFromPrivateBase();
        assert.ok(lines.includes(`Base images from ${registry.host}: credentials from docker-credential-slow`), lines.join('\n'));
      });

      it('credentials we hold for the host (ECR tokens) win over config.json', async () => {
        await useDockerConfig({ credHelpers: { [registry.host]: 'broken' } });
        await buildsFromPrivateBase({ registryCredentials: async (host) => (host === registry.host ? auth : undefined) });
      });
    });
  }
});
