// docker config.json credentials as the docker CLI finds them: real files in temp DOCKER_CONFIG
// folders and real credential helper processes (shell scripts on PATH), never the user's ~/.docker.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCKER_HUB_KEY, dockerConfigCredentials, dockerConfigDir } from '../../../src/docker/dockerConfig';
import { configDir, helperDir, knowsOne, type HelperDir } from './support/credentialHelper';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
/** Running, not a zombie awaiting its parent (Linux /proc). */
async function isRunning(pid: string): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) Z /.test(stat);
}

describe('docker/dockerConfig (real config files, real credential helper processes)', function () {
  this.timeout(30_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function withConfig(config?: unknown): Promise<string> {
    const made = await configDir(config);
    cleanups.push(made.remove);
    return made.dir;
  }
  async function withHelpers(): Promise<HelperDir> {
    const made = await helperDir();
    cleanups.push(made.remove);
    return made;
  }

  it('DOCKER_CONFIG names the folder; without it ~/.docker', () => {
    assert.equal(dockerConfigDir({ DOCKER_CONFIG: '/somewhere/else' }), '/somewhere/else');
    assert.match(dockerConfigDir({}), /[/\\]\.docker$/);
  });

  it('reads "auths": base64 "auth", username/password, identitytoken, and old "https://host/v1/" keys', async () => {
    const dir = await withConfig({
      auths: {
        'a.example:5000': { auth: b64('alice:pa:ss') },
        'b.example': { username: 'bob', password: 'bobpw' },
        'c.example': { identitytoken: 'refresh-token' },
        'https://d.example/v1/': { auth: b64('dave:davepw') },
      },
    });
    const lookup = dockerConfigCredentials({ dir });
    assert.deepEqual(await lookup('a.example:5000'), { username: 'alice', password: 'pa:ss', serveraddress: 'a.example:5000' });
    assert.deepEqual(await lookup('b.example'), { username: 'bob', password: 'bobpw', serveraddress: 'b.example' });
    assert.deepEqual(await lookup('c.example'), { username: '', password: '', serveraddress: 'c.example', identitytoken: 'refresh-token' });
    assert.deepEqual(await lookup('d.example'), { username: 'dave', password: 'davepw', serveraddress: 'd.example' });
    assert.equal(await lookup('other.example'), undefined);
  });

  it("Docker Hub's hosts use the https://index.docker.io/v1/ entry", async () => {
    const dir = await withConfig({ auths: { [DOCKER_HUB_KEY]: { auth: b64('hubuser:hubpw') } } });
    const lookup = dockerConfigCredentials({ dir });
    for (const host of ['docker.io', 'registry-1.docker.io', 'index.docker.io']) {
      assert.deepEqual(await lookup(host), { username: 'hubuser', password: 'hubpw', serveraddress: DOCKER_HUB_KEY }, host);
    }
  });

  it('no config.json means no credentials; a broken one is an error that does not quote it', async () => {
    assert.equal(await dockerConfigCredentials({ dir: await withConfig() })('a.example'), undefined);
    const broken = await withConfig('{"auths": {"a.example": {"auth": "c2VjcmV0LXBhc3N3b3Jk"}');
    await assert.rejects(dockerConfigCredentials({ dir: broken })('a.example'), (e: Error) => {
      assert.match(e.message, /config\.json is not valid JSON/);
      assert.ok(!e.message.includes('c2VjcmV0'), e.message);
      return true;
    });
  });

  it('credHelpers: the helper named for the host is asked with the host on stdin and wins over "auths"', async () => {
    const helpers = await withHelpers();
    await helpers.helper('testhelper', knowsOne('r.example:5000', 'helperuser', 'helper-secret'));
    const dir = await withConfig({
      auths: { 'r.example:5000': { auth: b64('fileuser:filepw') }, 'plain.example': { auth: b64('p:pw') } },
      credHelpers: { 'r.example:5000': 'testhelper' },
    });
    const lookup = dockerConfigCredentials({ dir });
    assert.deepEqual(await lookup('r.example:5000'), { username: 'helperuser', password: 'helper-secret', serveraddress: 'r.example:5000' });
    assert.deepEqual(await lookup('plain.example'), { username: 'p', password: 'pw', serveraddress: 'plain.example' });
    assert.deepEqual(await lookup('r.example:5000'), { username: 'helperuser', password: 'helper-secret', serveraddress: 'r.example:5000' });
    assert.deepEqual(await helpers.asked(), ['r.example:5000'], 'asked once per host, with the host exactly');
  });

  it('credsStore is the default helper; its "credentials not found" answer means none; "<token>" is an identity token', async () => {
    const helpers = await withHelpers();
    await helpers.helper('store', `[ "$url" = '${DOCKER_HUB_KEY}' ] && { printf '{"Username":"<token>","Secret":"hub-refresh"}'; exit 0; }\n${knowsOne('x', 'x', 'x')}`);
    const dir = await withConfig({ credsStore: 'store', auths: { 'a.example': {} } });
    const lookup = dockerConfigCredentials({ dir });
    assert.equal(await lookup('a.example'), undefined);
    assert.deepEqual(await lookup('docker.io'), { username: '', password: '', serveraddress: DOCKER_HUB_KEY, identitytoken: 'hub-refresh' });
    assert.deepEqual(await helpers.asked(), ['a.example', DOCKER_HUB_KEY]);
  });

  it('a helper that fails, is missing or answers garbage gives an error naming it, without its secret', async () => {
    const helpers = await withHelpers();
    await helpers.helper('broken', 'echo "keychain is locked" >&2; exit 2');
    await helpers.helper('garbage', "printf 'Secret=leaked-secret'");
    const dir = await withConfig({ credHelpers: { 'a.example': 'broken', 'b.example': 'absent-helper', 'c.example': 'garbage' } });
    const lookup = dockerConfigCredentials({ dir });
    await assert.rejects(lookup('a.example'), /docker-credential-broken get for a\.example failed \(exit code 2\): keychain is locked/);
    await assert.rejects(lookup('b.example'), /docker-credential-absent-helper \(the credential helper .*config\.json names for b\.example\) is not installed or not on PATH/);
    await assert.rejects(lookup('c.example'), (e: Error) => {
      assert.match(e.message, /docker-credential-garbage get for c\.example answered something that is not JSON/);
      assert.ok(!e.message.includes('leaked-secret'));
      return true;
    });
  });

  it('a helper that hangs fails the lookup after the timeout and is killed', async () => {
    const helpers = await withHelpers();
    await helpers.helper('hangs', `echo $$ > '${helpers.dir}/pid'; exec sleep 60`);
    const dir = await withConfig({ credHelpers: { 'a.example': 'hangs' } });
    const started = Date.now();
    await assert.rejects(dockerConfigCredentials({ dir, helperTimeoutMs: 500 })('a.example'), /docker-credential-hangs gave no answer for a\.example within 1 s/);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    const pid = (await readFile(join(helpers.dir, 'pid'), 'utf8')).trim();
    // Awaited, not assumed: a killed process lingers until its parent reaps it.
    const deadline = Date.now() + 5000;
    while (await isRunning(pid)) {
      assert.ok(Date.now() < deadline, `helper process ${pid} still runs`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
