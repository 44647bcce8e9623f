// Builds FROM a base image in a private registry (real engine, real registry with basic auth, as
// ECR's AWS:<token> looks to the engine): credentials reach the classic builder through
// X-Registry-Config and BuildKit through our gRPC session, per host; anonymous builds are refused.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { buildImage } from '../../../src/docker/build';
import { chooseBuilder, type Builder } from '../../../src/docker/buildkit';
import { connect } from '../../../src/docker/connection';
import type { RegistryAuth, RegistryCredentials } from '../../../src/docker/ecrAuth';
import { BuildError } from '../../../src/docker/errors';
import { tagImage } from '../../../src/docker/images';
import { pushImage } from '../../../src/docker/push';
import { configDir } from './support/credentialHelper';
import { fixtureContext, removeImages } from './support/fixtures';
import { startRegistry, type TestRegistry } from './support/registry';

describe('docker/build FROM a private registry (real engine, real registry with basic auth)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let registry: TestRegistry;
  let auth: RegistryAuth;
  let base: string;
  let dir: string;
  const images = new Set<string>();
  const savedDockerConfig = process.env.DOCKER_CONFIG;
  let emptyDockerConfig: { dir: string; remove(): Promise<void> } | undefined;

  before(async () => {
    // Only the credentials a test gives count: no config.json of the machine's.
    emptyDockerConfig = await configDir();
    process.env.DOCKER_CONFIG = emptyDockerConfig.dir;
    docker = (await connect()).docker;
    registry = await startRegistry();
    auth = { username: registry.username, password: registry.password, serveraddress: registry.host };
    const app = await fixtureContext('app');
    try {
      const built = await buildImage(docker, { contextDir: app.dir, target: 'final' });
      base = `${registry.host}/team/base:${process.pid}`;
      await tagImage(docker, built.imageId, base);
      await pushImage(docker, base, { auth });
      images.add(built.imageId);
    } finally {
      await app.remove();
    }
    dir = await mkdtemp(join(tmpdir(), 'ecr-test-from-private-'));
    await writeFile(join(dir, 'Dockerfile'), `FROM ${base}\nLABEL org.example.from=private\n`);
  });
  after(async () => {
    await removeImages(docker, images);
    await removeImages(docker, [base]);
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
    if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedDockerConfig;
    await emptyDockerConfig?.remove();
  });

  for (const builder of ['classic', 'buildkit'] as const satisfies readonly Builder[]) {
    describe(`${builder} builder`, () => {
      before(async function () {
        const offered = await chooseBuilder(docker, 'auto');
        if (builder === 'buildkit' && offered.builder !== 'buildkit') {
          console.log(`      (BuildKit tests skipped: ${offered.reason})`);
          this.skip();
        }
        // The base image must come from the registry, not from the engine's image store.
        await removeImages(docker, [base, ...images]);
      });

      it('without credentials the registry refuses the base image', async () => {
        await assert.rejects(buildImage(docker, { builder, contextDir: dir }), (e: Error) => {
          assert.ok(e instanceof BuildError, String(e));
          assert.match(e.message, /401|unauthorized|no basic auth credentials/i);
          return true;
        });
      });

      it('a credentials lookup that fails fails the build with its reason', async () => {
        const failing: RegistryCredentials = () => Promise.reject(new Error('the profile "prod" has expired credentials'));
        await assert.rejects(buildImage(docker, { builder, contextDir: dir, registryCredentials: failing }), (e: Error) => {
          assert.ok(e instanceof BuildError, String(e));
          assert.match(e.message, /the profile "prod" has expired credentials/);
          return true;
        });
      });

      it('with credentials for its host the build pulls the base image and succeeds; the password is never logged', async () => {
        const asked: string[] = [];
        const credentials: RegistryCredentials = async (host) => {
          asked.push(host);
          return host === registry.host ? auth : undefined;
        };
        const lines: string[] = [];
        const result = await buildImage(docker, { builder, contextDir: dir, registryCredentials: credentials, onEvent: (e) => lines.push(e.text) });
        images.add(result.imageId);
        assert.ok(asked.includes(registry.host), `asked for ${asked.join(', ')}`);
        const inspected = await docker.getImage(result.imageId).inspect();
        assert.equal(inspected.Config.Labels?.['org.example.from'], 'private');
        assert.ok(!JSON.stringify(lines).includes(registry.password), 'password must not appear in the build output');
      });
    });
  }
});
