import * as assert from 'node:assert/strict';
import { clearTextRemoteHost } from '../../../src/core/clearTextHost';

describe('Docker Engine links that would carry the registry password in clear', () => {
  it('names a plain-http engine on another machine', () => {
    assert.equal(clearTextRemoteHost({ transport: 'plain-http', hostname: '203.0.113.7' }), '203.0.113.7');
    assert.equal(clearTextRemoteHost({ transport: 'plain-http', hostname: 'docker.example' }), 'docker.example');
    assert.equal(clearTextRemoteHost({ transport: 'plain-http', hostname: '[2001:db8::1]' }), '2001:db8::1');
  });

  it('lets loopback, sockets, TLS and ssh through', () => {
    for (const hostname of ['127.0.0.1', '127.0.0.2', 'localhost', 'docker.localhost', '[::1]']) {
      assert.equal(clearTextRemoteHost({ transport: 'plain-http', hostname }), undefined, hostname);
    }
    assert.equal(clearTextRemoteHost({ transport: 'tls', hostname: '203.0.113.7' }), undefined);
    assert.equal(clearTextRemoteHost({ transport: 'ssh', hostname: '203.0.113.7' }), undefined);
    assert.equal(clearTextRemoteHost({ transport: 'socket' }), undefined);
  });
});
