// Proxies and CAs with the real SDK: the sandbox's ECR API served over TLS with a certificate of a
// CA made for this file, a CONNECT proxy on loopback that records each tunnel, and the user's view
// of what goes wrong (classifyAwsError).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialsFor } from '../../../src/aws/credentials';
import type { EcrApi } from '../../../src/aws/ecrApi';
import { createEcrApi, type EcrApiOptions } from '../../../src/aws/ecrClientApi';
import { classifyAwsError } from '../../../src/aws/errors';
import { bypassesProxy, createRequestHandler, proxyFor, type NetworkOptions } from '../../../src/aws/network';
import { startSandbox, type SandboxInternals } from '../../sandbox';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { referrerArtifact } from '../../sandbox/seed/referrers';
import { buildImage } from '../../sandbox/seed/seeder';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { createTestCa, type TestCa } from '../../support/testCa';
import { sandboxSource } from './sandboxHelpers';

describe('network: NO_PROXY matching', () => {
  it('matches domains with their subdomains, ports, IPs, CIDR blocks and *', () => {
    const list = ['corp.example', '.internal', '*.svc.local', 'registry.test:8443', '10.0.0.0/8', '192.168.1.7', '[::1]'];
    assert.equal(bypassesProxy(list, 'corp.example', 443), true);
    assert.equal(bypassesProxy(list, 'api.corp.example', 443), true);
    assert.equal(bypassesProxy(list, 'notcorp.example', 443), false, 'a suffix is not a subdomain');
    assert.equal(bypassesProxy(list, 'a.internal', 443), true);
    assert.equal(bypassesProxy(list, 'ecr.svc.local', 443), true);
    assert.equal(bypassesProxy(list, 'registry.test', 8443), true);
    assert.equal(bypassesProxy(list, 'registry.test', 443), false, 'another port');
    assert.equal(bypassesProxy(list, '10.20.30.40', 443), true);
    assert.equal(bypassesProxy(list, '11.0.0.1', 443), false);
    assert.equal(bypassesProxy(list, '192.168.1.7', 443), true);
    assert.equal(bypassesProxy(list, '[::1]', 443), true);
    assert.equal(bypassesProxy(list, 'api.ecr.us-east-1.amazonaws.com', 443), false);
    assert.equal(bypassesProxy(['*'], 'anything', 1), true);
    assert.equal(bypassesProxy([], 'anything', 1), false);
  });

  it('takes http.proxy before the environment, the environment by protocol, and http.noProxy instead of NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://env-https:3128', HTTP_PROXY: 'http://env-http:3128', NO_PROXY: 'skip.example' };
    assert.equal(proxyFor({}, env, 'ecr.example', 443, true), 'http://env-https:3128');
    assert.equal(proxyFor({}, env, 'ecr.example', 80, false), 'http://env-http:3128');
    assert.equal(proxyFor({}, env, 'skip.example', 443, true), undefined);
    assert.equal(proxyFor({ proxy: 'proxy.corp:8080' }, env, 'ecr.example', 443, true), 'http://proxy.corp:8080', 'a bare host:port is an http proxy');
    // As in VS Code: entries in http.noProxy replace NO_PROXY.
    assert.equal(proxyFor({ noProxy: ['other.example'] }, env, 'skip.example', 443, true), 'http://env-https:3128');
    assert.equal(proxyFor({ noProxy: ['other.example'] }, env, 'other.example', 443, true), undefined);
    assert.equal(proxyFor({}, {}, 'ecr.example', 443, true), undefined);
  });
});

describe('network: ECR over TLS through a proxy', function () {
  this.timeout(120_000);
  let ca: TestCa;
  let sandbox: SandboxInternals;
  let proxy: ConnectProxy;
  let dir: string;
  const apis: EcrApi[] = [];

  before(async () => {
    ca = createTestCa();
    dir = mkdtempSync(join(tmpdir(), 'ecr-network-test-'));
    sandbox = await startSandbox({ seed: false, tls: { key: ca.key, cert: ca.cert } });
  });
  after(async () => {
    await sandbox?.stop();
    ca?.remove();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    proxy = await startConnectProxy();
  });
  afterEach(async () => {
    for (const api of apis.splice(0)) api.dispose();
    await proxy.stop();
  });

  /** An EcrApi for the TLS sandbox; `env` replaces the process's (no config files unless given). */
  function api(network: NetworkOptions, options: EcrApiOptions = {}, profile?: string): EcrApi {
    const account = sandbox.accounts[0];
    const created = createEcrApi({ ...sandboxSource(sandbox), profile }, {
      credentials: async () => ({ accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }),
      maxAttempts: 1,
      ...options,
      network: { ...network, env: { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), ...network.env } },
    });
    apis.push(created);
    return created;
  }

  const apiHost = (): string => new URL(sandbox.endpoint).host;
  const repositoryName = (): string => `proxy-test-${randomBytes(4).toString('hex')}`;

  it('sends every ECR call through the http.proxy tunnel, one kept-alive tunnel for several calls', async () => {
    const ecr = api({ proxy: proxy.url, env: { AWS_CA_BUNDLE: ca.caFile } });
    const name = repositoryName();
    await ecr.createRepository({ name, tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'AES256' });
    try {
      const listed = await ecr.listRepositories({ maxResults: 1000 });
      assert.ok(listed.items.some((r) => r.repositoryName === name), 'the repository created through the proxy is listed');
      await ecr.describeRepository(name);
    } finally {
      await ecr.deleteRepository(name, true);
    }
    assert.deepEqual(proxy.tunnels.map((t) => t.target), [apiHost()], 'one CONNECT to the ECR endpoint carried all four calls');
  });

  it('goes around the proxy for a NO_PROXY host, and HTTPS_PROXY applies otherwise', async () => {
    const env = { HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: ca.caFile };
    await api({ env: { ...env, NO_PROXY: 'localhost,127.0.0.1' } }).listRepositories({ maxResults: 10 });
    assert.equal(proxy.tunnels.length, 0, 'the proxy saw nothing');
    await api({ env: { ...env, NO_PROXY: '' } }).listRepositories({ maxResults: 10 });
    assert.deepEqual(proxy.tunnels.map((t) => t.target), [apiHost()]);
  });

  it('goes around the proxy for an http.noProxy entry', async () => {
    await api({ proxy: proxy.url, noProxy: ['127.0.0.0/8'], env: { AWS_CA_BUNDLE: ca.caFile } }).listRepositories({ maxResults: 10 });
    assert.equal(proxy.tunnels.length, 0, 'the proxy saw nothing');
  });

  it('trusts the CA of the profile\'s ca_bundle and of NODE_EXTRA_CA_CERTS', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, `[profile corp]\nregion = us-east-1\nca_bundle = ${ca.caFile}\n`);
    await api({ proxy: proxy.url, env: { AWS_CONFIG_FILE: config } }, {}, 'corp').listRepositories({ maxResults: 10 });
    await api({ proxy: proxy.url, env: { NODE_EXTRA_CA_CERTS: ca.caFile } }).listRepositories({ maxResults: 10 });
    assert.equal(proxy.tunnels.length, 2);
  });

  it('reads the registry\'s referrers API and blobs through the same proxy as the API calls', async () => {
    const ecr = api({ proxy: proxy.url, env: { AWS_CA_BUNDLE: ca.caFile } });
    const name = repositoryName();
    await ecr.createRepository({ name, tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'AES256' });
    try {
      const token = await ecr.authorizationToken();
      const pusher = new RegistryPusher(new URL(token.proxyEndpoint).host, `Basic ${Buffer.from(`${token.username}:${token.password}`).toString('base64')}`);
      const image = buildImage(name, 'v1', { os: 'linux', architecture: 'amd64' }, true);
      for (const blob of image.blobs) await pusher.pushBlob(name, blob);
      await pusher.pushManifest(name, 'v1', image.manifest);
      const { blobs, manifest } = referrerArtifact('spdx', { mediaType: image.manifest.mediaType, digest: image.manifest.digest, size: image.manifest.size });
      for (const blob of blobs) await pusher.pushBlob(name, blob);
      await pusher.pushManifest(name, manifest.digest, manifest);

      sandbox.setFaults({ emulator: { noReferrersApi: true } });
      const listed = await ecr.listReferrers(name, image.manifest.digest);
      assert.deepEqual(listed?.map((r) => r.digest), [manifest.digest], 'from the OCI referrers API');
      assert.equal((await ecr.readBlob(name, blobs[1].digest, 1024 * 1024)).length, blobs[1].size);
      const dataPlane = new URL(token.proxyEndpoint).host;
      assert.ok(proxy.tunnels.some((t) => t.target === dataPlane), `a tunnel to the data plane ${dataPlane}: ${JSON.stringify(proxy.tunnels)}`);
    } finally {
      sandbox.resetFaults();
      await ecr.deleteRepository(name, true);
    }
  });

  it('names the settings to fix when the endpoint\'s CA is unknown, and http.proxyStrictSSL false accepts it', async () => {
    const source = sandboxSource(sandbox);
    const error = await api({ proxy: proxy.url }).listRepositories({ maxResults: 10 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error, 'a certificate of an unknown CA is refused');
    const problem = classifyAwsError(error, source);
    assert.equal(problem.kind, 'unreachable');
    assert.match(problem.message, /not signed by a trusted authority/);
    for (const setting of ['AWS_CA_BUNDLE', 'ca_bundle', 'NODE_EXTRA_CA_CERTS', 'http.proxyStrictSSL']) assert.ok(problem.message.includes(setting), `${setting} in: ${problem.message}`);

    await api({ proxy: proxy.url, strictSSL: false }).listRepositories({ maxResults: 10 });
  });

  it('names the CA bundle setting whose file cannot be read', async () => {
    const missing = join(dir, 'missing.pem');
    const error = await api({ env: { AWS_CA_BUNDLE: missing } }).listRepositories({ maxResults: 10 }).then(() => undefined, (e: unknown) => e);
    assert.match(classifyAwsError(error, sandboxSource(sandbox)).message, new RegExp(`AWS_CA_BUNDLE \\(${missing}\\) cannot be read`));
  });

  it('sends the proxy credentials of http.proxy, and says what to set when the proxy asks for them', async () => {
    await proxy.stop();
    proxy = await startConnectProxy({ requireAuth: `Basic ${Buffer.from('ann:s3cret').toString('base64')}` });
    const withUser = proxy.url.replace('http://', 'http://ann:s3cret@');
    await api({ proxy: withUser, env: { AWS_CA_BUNDLE: ca.caFile } }).listRepositories({ maxResults: 10 });

    const error = await api({ proxy: proxy.url, env: { AWS_CA_BUNDLE: ca.caFile } }).listRepositories({ maxResults: 10 }).then(() => undefined, (e: unknown) => e);
    const problem = classifyAwsError(error, sandboxSource(sandbox));
    assert.match(problem.message, /proxy asks .* to authenticate \(407\).*http\.proxy/);
    assert.deepEqual(proxy.tunnels.map((t) => t.proxyAuthorization !== undefined), [true, false]);
  });

  it('sends the credential providers\' STS calls (assume-role) through the proxy too', async () => {
    const config = join(dir, 'assume-role');
    writeFileSync(config, [
      '[profile base]', 'aws_access_key_id = AKIAEXAMPLEBASE00000', 'aws_secret_access_key = example-secret', 'region = us-east-1',
      '[profile role]', 'role_arn = arn:aws:iam::111111111111:role/reader', 'source_profile = base', 'region = us-east-1', '',
    ].join('\n'));
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    // The SDK's providers read the shared files named by the process's environment.
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none');
    try {
      const handler = createRequestHandler({ proxy: proxy.url, env: {} }, 'role', { connectionTimeout: 5_000, requestTimeout: 10_000 });
      // The proxy refuses tunnels off loopback (no internet here); what matters is that STS was asked through it.
      await credentialsFor({ profile: 'role', origin: 'profile' }, handler)().then(() => undefined, () => undefined);
      handler.destroy();
    } finally {
      restoreEnv('AWS_CONFIG_FILE', saved.config);
      restoreEnv('AWS_SHARED_CREDENTIALS_FILE', saved.credentials);
    }
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((t) => /^sts\.[a-z0-9-]+\.amazonaws\.com:443$/.test(t.target)), JSON.stringify(proxy.tunnels));
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
