// Whether the registry password would cross the network in clear is decided from how the Docker
// client really connects (the endpoint as resolved, with its TLS material), not from the address.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearTextRemoteHost } from '../../../src/core/clearTextHost';
import { engineLink, resolveDockerHost, type ResolveOptions } from '../../../src/docker/connection';

describe('docker/engineLink: clear text judged from the resolved engine connection', () => {
  let home: string;
  let certs: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'ecr-test-home-'));
    certs = join(home, 'certs');
    await mkdir(certs);
    // The file names DOCKER_CERT_PATH holds; their content is not read for this decision's sake.
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await writeFile(join(certs, file), `${file}\n`);
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  async function clearTextFor(options: ResolveOptions): Promise<string | undefined> {
    return clearTextRemoteHost(engineLink(await resolveDockerHost({ homeDir: home, ...options })));
  }

  it('DOCKER_HOST=tcp://10.1.2.3:2376 with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH is TLS, not clear text', async () => {
    const env = { DOCKER_HOST: 'tcp://10.1.2.3:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs };
    assert.deepEqual(engineLink(await resolveDockerHost({ homeDir: home, env })), { transport: 'tls', hostname: '10.1.2.3' });
    assert.equal(await clearTextFor({ env }), undefined);
  });

  it('the same address without DOCKER_TLS_VERIFY is plain http to another host', async () => {
    assert.equal(await clearTextFor({ env: { DOCKER_HOST: 'tcp://10.1.2.3:2376', DOCKER_CERT_PATH: certs } }), '10.1.2.3');
  });

  it("a context's TLS folder makes its tcp:// endpoint TLS; a context without one stays plain", async () => {
    const config = join(home, '.docker');
    for (const [name, tls] of [['secure', true], ['open', false]] as const) {
      const id = createHash('sha256').update(name).digest('hex');
      await mkdir(join(config, 'contexts', 'meta', id), { recursive: true });
      await writeFile(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: 'tcp://10.1.2.3:2376' } } }));
      if (tls) {
        await mkdir(join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
        await writeFile(join(config, 'contexts', 'tls', id, 'docker', 'ca.pem'), 'ca\n');
      }
    }
    assert.equal(await clearTextFor({ env: { DOCKER_CONTEXT: 'secure' } }), undefined);
    assert.equal(await clearTextFor({ env: { DOCKER_CONTEXT: 'open' } }), '10.1.2.3');
  });

  it('https:// and ssh:// are not clear text; a bare host:port is tcp, as for the CLI', async () => {
    assert.equal(await clearTextFor({ setting: 'https://10.1.2.3:2376', env: {} }), undefined);
    assert.equal(await clearTextFor({ setting: 'ssh://me@10.1.2.3', env: {} }), undefined);
    assert.equal(await clearTextFor({ setting: '10.1.2.3:2375', env: {} }), '10.1.2.3');
    assert.equal(await clearTextFor({ setting: 'unix:///var/run/docker.sock', env: {} }), undefined);
  });
});
