// Classification of errors as the SDK really produces them: its credential providers, its
// modeled ECR exceptions, its generic service exception for unmodeled codes, and real sockets.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeRepositoriesCommand,
  ECRClient,
  ECRServiceException,
  ImageNotFoundException,
  InvalidParameterException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { credentialsFor } from '../../../src/aws/credentials';
import { classifyAwsError } from '../../../src/aws/errors';
import { ImageFailuresError } from '../../../src/aws/ecrApi';

const source = { label: 'dev (eu-west-1)', profile: 'dev', region: 'eu-west-1', ssoProfile: true };
const plain = { label: 'ci (us-east-1)', profile: 'ci', region: 'us-east-1', ssoProfile: false };
const meta = { $metadata: { httpStatusCode: 400 } };

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function serviceError(name: string, message: string, status = 400): ECRServiceException {
  // How the SDK builds errors whose code ECR does not model (AccessDenied, Throttling, ExpiredToken).
  return new ECRServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}

describe('aws/errors', () => {
  describe('credential provider errors', () => {
    let dir: string;
    const saved = { ...process.env };

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ecr-errors-'));
      mkdirSync(join(dir, 'home', '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(join(dir, 'config'), [
        '[profile dev]', 'sso_session = corp', 'sso_account_id = 111111111111', 'sso_role_name = Dev', 'region = eu-west-1',
        '[profile expired]', 'sso_session = old', 'sso_account_id = 111111111111', 'sso_role_name = Dev', 'region = eu-west-1',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1',
        '[sso-session old]', 'sso_start_url = https://old.awsapps.com/start', 'sso_region = us-east-1',
      ].join('\n'));
      writeFileSync(join(dir, 'credentials'), '');
      // An SSO token cache entry (named by SHA-1 of the session name, as the CLI writes it) that expired.
      writeFileSync(
        join(dir, 'home', '.aws', 'sso', 'cache', `${createHash('sha1').update('old').digest('hex')}.json`),
        JSON.stringify({ accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://old.awsapps.com/start' }),
      );
      Object.assign(process.env, { HOME: join(dir, 'home'), AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });
      delete process.env.AWS_PROFILE;
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    });
    after(() => {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    });

    it('an SSO profile that never signed in -> ssoExpired with "aws sso login --profile dev"', async () => {
      const error = await thrownBy(credentialsFor({ profile: 'dev', origin: 'profile' })());
      const problem = classifyAwsError(error, source);
      assert.equal(problem.kind, 'ssoExpired', String(error));
      assert.deepEqual(problem.action, { kind: 'signIn', label: 'Sign in', command: 'aws sso login --profile dev' });
    });

    it('an SSO profile whose cached token expired -> ssoExpired', async () => {
      const error = await thrownBy(credentialsFor({ profile: 'expired', origin: 'profile' })());
      const problem = classifyAwsError(error, { ...source, profile: 'expired' });
      assert.equal(problem.kind, 'ssoExpired', String(error));
      assert.equal(problem.action?.kind === 'signIn' && problem.action.command, 'aws sso login --profile expired');
    });

    it('an unknown profile -> noCredentials naming it', async () => {
      const error = await thrownBy(credentialsFor({ profile: 'nosuch', origin: 'setting' })());
      const problem = classifyAwsError(error, { label: 'nosuch (us-east-1)', profile: 'nosuch', region: 'us-east-1' });
      assert.equal(problem.kind, 'noCredentials');
      assert.match(problem.message, /nosuch/);
    });

    it('environment source without AWS_ACCESS_KEY_ID -> noCredentials', async () => {
      const error = await thrownBy(credentialsFor({ origin: 'environment' })());
      const problem = classifyAwsError(error, { label: 'Environment credentials (us-east-1)', region: 'us-east-1' });
      assert.equal(problem.kind, 'noCredentials');
      assert.match(problem.message, /environment/i);
    });
  });

  describe('service errors', () => {
    it('AccessDeniedException -> accessDenied with the IAM action from the message', () => {
      const problem = classifyAwsError(serviceError('AccessDeniedException',
        'User: arn:aws:iam::111111111111:user/dev is not authorized to perform: ecr:DescribeRepositories on resource: arn:aws:ecr:eu-west-1:111111111111:repository/* because no identity-based policy allows the ecr:DescribeRepositories action'), source);
      assert.equal(problem.kind, 'accessDenied');
      assert.equal(problem.deniedAction, 'ecr:DescribeRepositories');
      assert.equal(problem.message, 'Access denied: dev (eu-west-1) is not allowed to perform ecr:DescribeRepositories.');
    });

    it('ExpiredTokenException / ExpiredToken -> expiredCredentials (sign in for SSO profiles, retry otherwise)', () => {
      const sso = classifyAwsError(serviceError('ExpiredTokenException', 'The security token included in the request is expired'), source);
      assert.equal(sso.kind, 'expiredCredentials');
      assert.equal(sso.action?.kind, 'signIn');
      const keys = classifyAwsError(serviceError('ExpiredToken', 'expired'), plain);
      assert.equal(keys.kind, 'expiredCredentials');
      assert.equal(keys.action?.kind, 'retry');
    });

    it('modeled not-found exceptions -> notFound with ECR\'s message', () => {
      const repo = classifyAwsError(new RepositoryNotFoundException({ ...meta, message: "The repository with name 'web' does not exist" }), source);
      assert.deepEqual([repo.kind, repo.code, repo.message], ['notFound', 'RepositoryNotFoundException', "The repository with name 'web' does not exist"]);
      assert.equal(classifyAwsError(new ImageNotFoundException({ ...meta, message: 'gone' }), source).kind, 'notFound');
    });

    it('ThrottlingException -> throttled with Retry', () => {
      const problem = classifyAwsError(serviceError('ThrottlingException', 'Rate exceeded'), source);
      assert.equal(problem.kind, 'throttled');
      assert.deepEqual(problem.action, { kind: 'retry', label: 'Retry' });
    });

    it('InvalidParameterException -> invalidInput', () => {
      const problem = classifyAwsError(new InvalidParameterException({ ...meta, message: "Invalid parameter at 'maxResults'" }), source);
      assert.equal(problem.kind, 'invalidInput');
      assert.match(problem.message, /maxResults/);
    });

    it('UnrecognizedClientException (bad key) -> noCredentials', () => {
      assert.equal(classifyAwsError(serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'), plain).kind, 'noCredentials');
    });

    it('batch failures -> notFound when every image was missing', () => {
      const error = new ImageFailuresError('Delete', [{ imageId: { imageTag: 'v9' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
      const problem = classifyAwsError(error, source);
      assert.equal(problem.kind, 'notFound');
      assert.match(problem.message, /v9 \(ImageNotFound: Requested image not found\)/);
    });

    it('never repeats an access key or long token found in a message', () => {
      const problem = classifyAwsError(serviceError('SomethingOdd', `key AKIAIOSFODNN7EXAMPLE token=abc123 blob ${'A'.repeat(80)}`, 500), source);
      assert.equal(problem.kind, 'other');
      assert.doesNotMatch(problem.message, /AKIAIOSFODNN7EXAMPLE|abc123|A{60}/);
      assert.equal(problem.action?.kind, 'retry');
    });
  });

  describe('network errors from a real client', () => {
    const clients: ECRClient[] = [];
    afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
    const client = (endpoint: string, requestTimeout = 2_000) =>
      track(new ECRClient({
        region: 'us-east-1',
        endpoint,
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
        requestHandler: { connectionTimeout: 2_000, requestTimeout, throwOnRequestTimeout: true },
      }));
    const track = (c: ECRClient) => (clients.push(c), c);

    it('connection refused -> unreachable', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      await new Promise((resolve) => server.close(resolve)); // nothing listens on the port now
      const error = await thrownBy(client(`http://127.0.0.1:${port}`).send(new DescribeRepositoriesCommand({})));
      const problem = classifyAwsError(error, source);
      assert.equal(problem.kind, 'unreachable');
      assert.equal(problem.code, 'ECONNREFUSED');
    });

    it('unknown host -> unreachable', async () => {
      const error = await thrownBy(client('http://ecr.endpoint.invalid').send(new DescribeRepositoriesCommand({})));
      const problem = classifyAwsError(error, source);
      assert.equal(problem.kind, 'unreachable', String(error));
      assert.match(problem.code ?? '', /ENOTFOUND|EAI_AGAIN/);
    });

    it('a server that never answers -> unreachable (TimeoutError)', async () => {
      const server: Server = createServer(() => undefined); // accepts, never responds
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const error = await thrownBy(client(`http://127.0.0.1:${port}`, 300).send(new DescribeRepositoriesCommand({})));
        const problem = classifyAwsError(error, source);
        assert.equal(problem.kind, 'unreachable', String(error));
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
