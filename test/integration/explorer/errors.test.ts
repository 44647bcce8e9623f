import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { setFaults } from '../sandbox';
import { EAST, find, refreshAll, rows, WEST } from './tree';

/** The registry's children after a refresh, under the given sandbox faults. */
async function eastChildren(): Promise<{ label: string; description: string; contextValue: string }[]> {
  await refreshAll();
  return rows((await find(EAST)).node);
}

describe('Explorer errors', () => {
  afterEach(async () => {
    await setFaults('reset');
    await refreshAll();
  });

  it('shows expired credentials as an error node, not an empty tree', async () => {
    await setFaults({ expiredCredentials: true });
    const children = await eastChildren();
    assert.equal(children.length, 1);
    assert.match(children[0].label, /expired/i);
    assert.match(children[0].contextValue, /^error:expiredCredentials$/);
  });

  it('names the denied action', async () => {
    await setFaults({ denyActions: ['ecr:DescribeRepositories'] });
    const children = await eastChildren();
    assert.equal(children.length, 1);
    assert.match(children[0].label, /ecr:DescribeRepositories/);
    assert.equal(children[0].contextValue, 'error:accessDenied');
  });

  it('offers a retry after server errors, and recovers', async () => {
    await setFaults({ serverErrors: 50 });
    const children = await eastChildren();
    assert.equal(children[0].description, 'Retry');
    await setFaults('reset');
    assert.ok((await eastChildren()).some((r) => r.label === 'web'));
  });

  it('rides out throttling', async () => {
    await setFaults({ throttle: 1 });
    assert.ok((await eastChildren()).some((r) => r.label === 'web'), 'one throttled call is retried by the SDK');
  });

  it('signs in with the command an SSO error offers, and runs nothing else', async () => {
    const before = vscode.window.terminals.length;
    await vscode.commands.executeCommand('ecr.signIn', 'aws sso login --profile sandbox-east; rm -rf ~');
    assert.equal(vscode.window.terminals.length, before, 'a command other than "aws sso login" is refused');
    await vscode.commands.executeCommand('ecr.signIn', 'aws sso login --profile sandbox-east');
    const terminal = vscode.window.terminals.find((t) => t.name === 'AWS sign-in');
    assert.ok(terminal, `terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')}`);
    terminal.dispose();
  });

  it('tells how to add credentials when a profile has none', async () => {
    const saved = process.env.AWS_SHARED_CREDENTIALS_FILE;
    const empty = join(mkdtempSync(join(tmpdir(), 'ecr-nocreds-')), 'credentials');
    writeFileSync(empty, '');
    process.env.AWS_SHARED_CREDENTIALS_FILE = empty;
    try {
      const children = await eastChildren();
      assert.equal(children.length, 1);
      assert.equal(children[0].contextValue, 'error:noCredentials');
      assert.match(children[0].label, /sandbox-east/);
      assert.match(children[0].label, /aws configure --profile sandbox-east/, 'says how to add credentials');
      assert.ok((await rows((await find(WEST)).node)).every((r) => r.contextValue.startsWith('error:')));
    } finally {
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved;
    }
  });
});
