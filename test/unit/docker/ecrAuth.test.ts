import assert from 'node:assert/strict';
import { authSecrets, ecrAuthConfig, registryHost } from '../../../src/docker/ecrAuth';
import { redactSecrets } from '../../../src/docker/redact';
import {
  AuthError,
  classifyDockerError,
  DockerError,
  ImmutableTagError,
  NetworkError,
  RepositoryNotFoundError,
} from '../../../src/docker/errors';

describe('docker/ecrAuth', () => {
  it('decodes AWS:<password> and the proxy endpoint into an authconfig', () => {
    const password = 'eyJwYXlsb2FkIjoi:with:colons==';
    const token = Buffer.from(`AWS:${password}`).toString('base64');
    const auth = ecrAuthConfig({ authorizationToken: token, proxyEndpoint: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com' });
    assert.deepEqual(auth, { username: 'AWS', password, serveraddress: '123456789012.dkr.ecr.us-east-1.amazonaws.com' });
  });

  it('keeps a port and accepts an endpoint without scheme', () => {
    assert.equal(registryHost('http://127.0.0.1:5000/'), '127.0.0.1:5000');
    assert.equal(registryHost('localhost:5000'), 'localhost:5000');
  });

  it('rejects malformed tokens without echoing them', () => {
    const token = Buffer.from('no-colon-secret-value').toString('base64');
    assert.throws(() => ecrAuthConfig({ authorizationToken: token, proxyEndpoint: 'https://x' }), (e: Error) => !e.message.includes(token) && !e.message.includes('no-colon-secret-value'));
    assert.throws(() => ecrAuthConfig({ proxyEndpoint: 'https://x' }), /no authorization token/);
  });

  it('redactSecrets masks the password and its encoded forms', () => {
    const auth = { username: 'AWS', password: 'p@ss/w+rd', serveraddress: 'h' };
    const b64 = Buffer.from('AWS:p@ss/w+rd').toString('base64');
    const text = `pw=p@ss/w+rd header=${b64} url=${encodeURIComponent('p@ss/w+rd')}`;
    const out = redactSecrets(text, authSecrets(auth));
    assert.equal(out, 'pw=*** header=*** url=***');
    assert.equal(redactSecrets('nothing here', ['', undefined]), 'nothing here');
  });
});

describe('docker/errors classifyDockerError (real registry/engine error strings)', () => {
  const cases: [string, new (...args: never[]) => DockerError][] = [
    // Docker Engine 20.10 against distribution with htpasswd (recorded here).
    ['no basic auth credentials', AuthError],
    ['unauthorized: authentication required', AuthError],
    ['(HTTP code 500) server error - Head "http://127.0.0.1:41739/v2/rec/other/manifests/1": no basic auth credentials', AuthError],
    // Amazon ECR (as printed by docker push/pull against ECR).
    ['denied: Your authorization token has expired. Reauthenticate and try again.', AuthError],
    ["name unknown: The repository with name 'missing' does not exist in the registry with id '123456789012'", RepositoryNotFoundError],
    ["tag invalid: The image tag 'v1' already exists in the 'app' repository and cannot be overwritten because the repository is immutable.", ImmutableTagError],
    ['Put "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/app/blobs/uploads/x": read tcp 10.0.0.2:5000->52.1.1.1:443: read: connection reset by peer', NetworkError],
    ['Patch "https://r/v2/app/blobs/uploads/x": EOF', NetworkError],
    ['write tcp 10.0.0.2:51234->52.1.1.1:443: write: broken pipe', NetworkError],
    ['An image does not exist locally with the tag: 127.0.0.1:5000/app', DockerError],
    ['manifest for 127.0.0.1:41739/rec/missing:1 not found: manifest unknown: manifest unknown', DockerError],
  ];
  for (const [raw, type] of cases) {
    it(`${type.name} <- ${raw.slice(0, 60)}`, () => {
      const error = classifyDockerError('Push of r/app:1', raw);
      assert.equal(error.constructor, type);
      assert.match(error.message, /^Push of r\/app:1 failed/);
      assert.ok(error.message.includes(raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '')), 'keeps the engine words');
    });
  }

  it('never keeps a secret that appears in the raw text', () => {
    const error = classifyDockerError('Pull of x', 'unauthorized: bad credentials hunter2secret', ['hunter2secret']);
    assert.ok(!error.message.includes('hunter2secret') && !error.detail.includes('hunter2secret'));
  });
});
