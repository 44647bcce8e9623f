// Where the ECR password can be sent (the Docker Engine) and where AWS credentials are used (the
// registries' endpoints) is the user's choice, never a folder's: both settings are machine-scoped.
// Whether build-arg values are stored in plain text is the user's choice too (application scope).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('Settings a folder cannot set', () => {
  before(() => activateExtension());
  after(async () => {
    const config = vscode.workspace.getConfiguration('ecr');
    await config.update('docker.host', undefined, vscode.ConfigurationTarget.Workspace).then(undefined, () => undefined);
    await config.update('registries', undefined, vscode.ConfigurationTarget.Workspace).then(undefined, () => undefined);
    await config.update('build.rememberArgValues', undefined, vscode.ConfigurationTarget.Workspace).then(undefined, () => undefined);
    await config.update('docker.certPath', undefined, vscode.ConfigurationTarget.Workspace).then(undefined, () => undefined);
  });

  for (const [key, value] of [
    ['docker.host', 'tcp://203.0.113.7:2375'],
    ['registries', [{ region: 'us-east-1', endpoint: 'http://203.0.113.7:4566' }]],
    ['build.rememberArgValues', true],
    ['docker.certPath', '/tmp/certs-of-someone-else'],
  ] as const) {
    it(`ecr.${key} is refused in the workspace's settings`, async () => {
      const config = vscode.workspace.getConfiguration('ecr');
      await assert.rejects(Promise.resolve(config.update(key, value, vscode.ConfigurationTarget.Workspace)), /can be written only into User settings/);
      assert.equal(vscode.workspace.getConfiguration('ecr').inspect(key)?.workspaceValue, undefined);
    });
  }
});
