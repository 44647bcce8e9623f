// The local ECR sandbox as tests inside VS Code see it (set up by test/launch/integrationSetup.ts).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { ECRClient } from '@aws-sdk/client-ecr';
import type { SandboxInfo } from '../launch/integrationSetup';

export function sandboxInfo(): SandboxInfo {
  const raw = process.env.ECR_SANDBOX;
  assert.ok(raw, 'ECR_SANDBOX is not set: run the suite through npm test (test/launch/runAll.js)');
  return JSON.parse(raw) as SandboxInfo;
}

/** An SDK client straight to the sandbox, to check what the extension did (account index 0 or 1). */
export function sdkClient(account = 0): ECRClient {
  const info = sandboxInfo();
  const a = info.accounts[account];
  return new ECRClient({ region: a.region, endpoint: info.endpoint, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } });
}

/** Sets the sandbox's fault switches (see test/sandbox/README.md); `reset` clears them. */
export async function setFaults(faults: Record<string, unknown> | 'reset'): Promise<void> {
  const { endpoint } = sandboxInfo();
  const url = faults === 'reset' ? `${endpoint}/__sandbox/reset` : `${endpoint}/__sandbox/faults`;
  const response = await fetch(url, { method: 'POST', body: faults === 'reset' ? '{}' : JSON.stringify(faults), headers: { 'content-type': 'application/json' } });
  assert.ok(response.ok, `sandbox ${url}: ${response.status} ${await response.text()}`);
}

/** API requests the sandbox received per operation since the last `resetRequestCounts()` (every attempt). */
export async function requestCounts(): Promise<Record<string, number>> {
  const response = await fetch(`${sandboxInfo().endpoint}/__sandbox/requests`);
  assert.ok(response.ok, `sandbox requests: ${response.status}`);
  return (await response.json()) as Record<string, number>;
}

export async function resetRequestCounts(): Promise<void> {
  const response = await fetch(`${sandboxInfo().endpoint}/__sandbox/requests/reset`, { method: 'POST' });
  assert.ok(response.ok, `sandbox requests reset: ${response.status}`);
}

/** Adds an AWS profile with sandbox-east's keys (the same account) to the shared files; returns the undo. */
export function addProfileLikeEast(name: string): () => void {
  const configFile = process.env.AWS_CONFIG_FILE ?? '';
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
  assert.ok(configFile && credentialsFile, 'the integration setup names the AWS files');
  const config = readFileSync(configFile, 'utf8');
  const credentials = readFileSync(credentialsFile, 'utf8');
  const keys = /\[sandbox-east\]\n([^[]*)/.exec(credentials)?.[1];
  assert.ok(keys, 'sandbox-east has keys in the credentials file');
  writeFileSync(configFile, `${config}\n[profile ${name}]\nregion = us-east-1\nendpoint_url = ${sandboxInfo().endpoint}\n`);
  writeFileSync(credentialsFile, `${credentials}\n[${name}]\n${keys}`, { mode: 0o600 });
  return () => {
    writeFileSync(configFile, config);
    writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  };
}

/** N images (tags `<tagPrefix>0`..) written straight into the sandbox's storage, in account 0's us-east-1 registry. */
export async function bulkSeed(repositoryName: string, count: number, tagPrefix: string): Promise<void> {
  const response = await fetch(`${sandboxInfo().endpoint}/__sandbox/bulk-seed`, {
    method: 'POST',
    body: JSON.stringify({ repositoryName, count, tagPrefix }),
    headers: { 'content-type': 'application/json' },
  });
  assert.ok(response.ok, `sandbox bulk-seed: ${response.status} ${await response.text()}`);
}
