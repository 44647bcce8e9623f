// The explorer behind a proxy set in VS Code's settings: a CONNECT proxy on loopback, started by
// the test inside the extension host, records each tunnel to the sandbox's ECR API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { sandboxInfo } from '../sandbox';
import { EAST, find, refreshAll, rows } from './tree';

describe('Explorer behind a proxy', () => {
  let proxy: ConnectProxy | undefined;
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');

  afterEach(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    await proxy?.stop();
    proxy = undefined;
    await refreshAll();
  });

  it('lists the repositories through the proxy of http.proxy, and around it for http.noProxy', async () => {
    proxy = await startConnectProxy();
    const apiHost = new URL(sandboxInfo().endpoint).host;
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await refreshAll();
    assert.ok((await rows((await find(EAST)).node)).some((r) => r.label === 'web'), 'the seeded repository is listed');
    assert.ok(proxy.tunnels.length > 0, 'the proxy carried the calls');
    assert.deepEqual([...new Set(proxy.tunnels.map((t) => t.target))], [apiHost], 'only tunnels to the ECR API');

    await http().update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
    await refreshAll();
    // Calls started before the change (e.g. the rest of a listing) may still have used the proxy:
    // count from a refresh made wholly under the new setting.
    const seen = proxy.tunnels.length;
    await refreshAll();
    assert.ok((await rows((await find(EAST)).node)).some((r) => r.label === 'web'));
    assert.equal(proxy.tunnels.length, seen, 'a http.noProxy host is reached directly');
  });
});
