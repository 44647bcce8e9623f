// Registry-to-registry copy of a ~200 MB image between the sandbox's two registries (111111111111/
// us-east-1 -> 222222222222/eu-west-1) with copyImage(), against the Docker round trip a user would
// otherwise make (`docker pull` from the source + `docker tag` + `docker push` to the destination),
// same machine, same image, each into an empty repository; the local copy is removed before the pull.
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { copyImage } from '../../src/aws/imageCopy';
import { registryClientFor } from '../../src/aws/registryAccess';
import { startSandbox } from '../sandbox';
import { docker, tempDockerConfig } from '../sandbox/seed/dockerImage';
import { imageConfig, imageManifest, layer } from '../sandbox/seed/tarball';
import { busyboxLayer } from '../sandbox/seed/seeder';
import { RegistryPusher } from '../sandbox/seed/pusher';
import { sandboxApi } from '../unit/aws/sandboxHelpers';
import { ecrClient } from '../unit/sandbox/helpers';

const LAYERS = 5;
const LAYER_MB = 40;

export async function benchCopy(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  const config = tempDockerConfig();
  const westAccount = sandbox.accounts[1];
  const eastApi = sandboxApi(sandbox);
  const westApi = sandboxApi(sandbox, {}, westAccount);
  const refs: string[] = [];
  try {
    const east = ecrClient(sandbox);
    const west = ecrClient(sandbox, westAccount);
    for (const name of ['bench/src']) await east.send(new CreateRepositoryCommand({ repositoryName: name }));
    for (const name of ['bench/copy', 'bench/docker']) await west.send(new CreateRepositoryCommand({ repositoryName: name }));
    const [eastToken, westToken] = [await eastApi.authorizationToken(), await westApi.authorizationToken()];
    const eastHost = new URL(eastToken.proxyEndpoint).host;
    const westHost = new URL(westToken.proxyEndpoint).host;

    // The source image, pushed as a client would: busybox + random (incompressible) layers.
    const layers = [busyboxLayer(), ...Array.from({ length: LAYERS }, (_, i) => layer([{ path: `data${i}.bin`, content: randomBytes(LAYER_MB << 20) }]))];
    const imageCfg = imageConfig({ os: 'linux', architecture: 'amd64' }, layers, { bench: 'copy' });
    const manifest = imageManifest(imageCfg, layers);
    const pusher = new RegistryPusher(eastHost, `Basic ${Buffer.from(`${eastToken.username}:${eastToken.password}`).toString('base64')}`);
    for (const blob of [...layers, imageCfg]) await pusher.pushBlob('bench/src', blob);
    await pusher.pushManifest('bench/src', 'v1', manifest);
    const bytes = layers.reduce((n, l) => n + l.size, imageCfg.size);

    const [from, to] = [await registryClientFor(eastApi), await registryClientFor(westApi)];
    let started = process.hrtime.bigint();
    try {
      await copyImage({ source: { api: eastApi, registry: from, repository: 'bench/src', reference: 'v1' }, destination: { api: westApi, registry: to, repository: 'bench/copy' }, tags: ['v1'] });
    } finally {
      from.dispose();
      to.dispose();
    }
    const copySeconds = Number(process.hrtime.bigint() - started) / 1e9;

    for (const [host, token] of [[eastHost, eastToken], [westHost, westToken]] as const) {
      const login = await docker(['login', '-u', token.username, '--password-stdin', host], { input: token.password, configDir: config.dir });
      if (login.code !== 0) throw new Error(`docker login ${host}: ${login.stderr.trim()}`);
    }
    const source = `${eastHost}/bench/src:v1`;
    const target = `${westHost}/bench/docker:v1`;
    refs.push(source, target);
    started = process.hrtime.bigint();
    for (const args of [['pull', source], ['tag', source, target], ['push', target]]) {
      const step = await docker(args, { configDir: config.dir, timeoutMs: 600_000 });
      if (step.code !== 0) throw new Error(`docker ${args[0]}: ${step.stderr.trim()}`);
    }
    const dockerSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    return [
      `copy of a ${(bytes / 1e6).toFixed(0)} MB image (busybox + ${LAYERS} random layers of ${LAYER_MB} MB) between the sandbox's two registries: ` +
        `copyImage() ${copySeconds.toFixed(2)} s, \`docker pull\` + \`docker tag\` + \`docker push\` ${dockerSeconds.toFixed(2)} s, ratio ${(copySeconds / dockerSeconds).toFixed(3)} ` +
        `(target < 1; one run each, wall clock, empty destination repositories, no local copy before the pull; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores)`,
    ];
  } finally {
    for (const ref of refs) await docker(['rmi', '-f', ref]);
    config.dispose();
    eastApi.dispose();
    westApi.dispose();
    await sandbox.stop();
  }
}

// `node out/test/bench/copy.js` prints the figure alone.
if (require.main === module) {
  void benchCopy().then((lines) => lines.forEach((line) => console.log(line)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
