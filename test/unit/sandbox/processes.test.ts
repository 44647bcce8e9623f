// The sandbox's processes start on free loopback ports and are gone, with their files, after stop().
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSandbox } from '../../sandbox';

describe('sandbox processes', function () {
  this.timeout(60_000);

  it('stop() ends the registry and servers and removes the temporary storage', async () => {
    const sandbox = await startSandbox({ seed: false });
    const storage = (sandbox.state.storage as unknown as { v2: string }).v2;
    const host = sandbox.registries[0].host;
    const tempDir = resolve(storage, '../../../../..'); // <tmp>/ecr-sandbox-*/registry/storage/docker/registry/v2
    assert.match(tempDir, /ecr-sandbox-/);
    assert.ok(existsSync(tempDir));
    assert.equal((await fetch(`http://${host}/v2/`)).status, 401);
    assert.equal((await fetch(`${sandbox.endpoint}/__sandbox/state`)).status, 200);
    await sandbox.stop();
    await sandbox.stop(); // idempotent
    assert.ok(!existsSync(tempDir), 'temporary directory removed');
    await assert.rejects(fetch(`${sandbox.endpoint}/__sandbox/state`));
    await assert.rejects(fetch(`http://${host}/v2/`));
  });

  it('starts an empty sandbox on a chosen API port', async () => {
    const probe = await startSandbox({ seed: false });
    const port = Number(new URL(probe.endpoint).port);
    await probe.stop();
    const sandbox = await startSandbox({ seed: false, apiPort: port });
    try {
      assert.equal(sandbox.endpoint, `http://127.0.0.1:${port}`);
      assert.deepEqual(Object.keys(sandbox.env).sort(), ['AWS_ACCESS_KEY_ID', 'AWS_ENDPOINT_URL_ECR', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY']);
      const state = (await (await fetch(`${sandbox.endpoint}/__sandbox/state`)).json()) as { registries: { repositories: unknown[] }[] };
      assert.ok(state.registries.every((r) => r.repositories.length === 0));
    } finally {
      await sandbox.stop();
    }
  });
});
