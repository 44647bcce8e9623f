// EcrApi against the sandbox acting as a LocalStack-style ECR emulator (the `emulator` fault group):
// what can work works, what cannot says why, and nothing asks the endpoint again and again.
import * as assert from 'node:assert/strict';
import { classifyAwsError } from '../../../src/aws/errors';
import { RequestCounter } from '../../../src/aws/requestCounter';
import { sandboxApi, sandboxSource, useSandbox } from './sandboxHelpers';

describe('aws/ecrApi against an ECR emulator', function () {
  this.timeout(60_000);
  const sandbox = useSandbox();

  it('no DescribeRegistry, AWS hosts in URIs: the account comes from the registry host, asked once', async () => {
    sandbox().setFaults({ emulator: { noDescribeRegistry: true, awsHostsInUris: true } });
    const counter = new RequestCounter();
    const api = sandboxApi(sandbox(), { counter });
    try {
      const info = await api.registryInfo();
      assert.deepEqual(info, { accountId: '111111111111', host: '111111111111.dkr.ecr.us-east-1.amazonaws.com' });
      await api.registryInfo();
      assert.equal(counter.count('DescribeRegistry'), 1);
      assert.equal(counter.count('GetAuthorizationToken'), 1);
    } finally {
      api.dispose();
    }
  });

  it('no DescribeRegistry on a local registry host: the failure says why, and is not retried in a loop', async () => {
    sandbox().setFaults({ emulator: { noDescribeRegistry: true } });
    const counter = new RequestCounter();
    const api = sandboxApi(sandbox(), { counter });
    try {
      const error = await api.registryInfo().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error);
      const problem = classifyAwsError(error, sandboxSource(sandbox()));
      assert.match(problem.message, /does not support DescribeRegistry.*names no AWS account/);
      assert.ok(counter.attemptCount('DescribeRegistry') <= 3, `attempts ${counter.attemptCount('DescribeRegistry')}`);
    } finally {
      api.dispose();
    }
  });

  it('a token that arrives already expired is fetched once for many calls, and said once', async () => {
    sandbox().setFaults({ emulator: { expiredTokens: true } });
    const counter = new RequestCounter();
    const warnings: string[] = [];
    const api = sandboxApi(sandbox(), { counter, warn: (message) => warnings.push(message) });
    try {
      for (let i = 0; i < 10; i++) await api.authorizationToken();
      assert.equal((await api.registryInfo()).accountId, '111111111111');
      assert.equal(counter.count('GetAuthorizationToken'), 1);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /expires at .* before it can be used/);
      assert.ok(!warnings[0].includes((await api.authorizationToken()).password), 'the token must not be in the message');
    } finally {
      api.dispose();
    }
  });
});
