import * as assert from 'node:assert/strict';
import { clearTextRemoteHost } from '../../../src/core/clearTextHost';

describe('Docker hosts that would carry the registry password in clear', () => {
  it('names a plain tcp:// or http:// host on another machine', () => {
    assert.equal(clearTextRemoteHost('tcp://203.0.113.7:2375'), '203.0.113.7');
    assert.equal(clearTextRemoteHost('http://docker.example:2375'), 'docker.example');
    assert.equal(clearTextRemoteHost('tcp://[2001:db8::1]:2375'), '2001:db8::1');
  });

  it('lets loopback, unix sockets, TLS and ssh through', () => {
    for (const host of ['tcp://127.0.0.1:2375', 'tcp://localhost:2375', 'tcp://[::1]:2375', 'unix:///var/run/docker.sock', 'https://docker.example:2376', 'ssh://root@docker.example', '', 'not a url']) {
      assert.equal(clearTextRemoteHost(host), undefined, host);
    }
  });
});
