// What the integration suite and the demo run against: the local ECR sandbox (ECR API emulator +
// registry + Docker Engine), two AWS profiles pointing at it (so registry discovery runs for
// real), and a copy of a fixtures workspace whose files reference the sandbox's images: `workspace`
// (the integration suite's, failure cases included) or `demo` (the demo's, where defaults succeed).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox';
import { repoRoot } from './codeServer';

export interface IntegrationSetup {
  readonly workspace: string;
  readonly env: Record<string, string>;
  readonly settings: Record<string, unknown>;
  readonly sandbox?: Sandbox;
  dispose(): Promise<void>;
}

/** What tests inside VS Code learn about the sandbox, from $ECR_SANDBOX (JSON). */
export interface SandboxInfo {
  readonly endpoint: string;
  readonly accounts: Sandbox['accounts'];
  readonly registries: Sandbox['registries'];
  /** Profile names in the generated AWS config, one per account (same order). */
  readonly profiles: readonly string[];
}

export const PROFILES = ['sandbox-east', 'sandbox-west'];

/** The sandbox logs every request; that is only worth printing when asked (ECR_TEST_VERBOSE). */
const sandboxLog = (line: string) => {
  if (process.env.ECR_TEST_VERBOSE) console.log(`[sandbox] ${line}`);
};

/** A folder of test/fixtures. */
export type FixtureWorkspace = 'workspace' | 'demo';

export async function integrationSetup(log: (line: string) => void = sandboxLog, fixture: FixtureWorkspace = 'workspace'): Promise<IntegrationSetup> {
  const sandbox = await startSandbox({ log });
  const base = mkdtempSync(join(tmpdir(), 'ecr-it-'));
  try {
    const aws = writeAwsFiles(base, sandbox);
    const workspace = copyWorkspace(base, sandbox, fixture);
    const info: SandboxInfo = { endpoint: sandbox.endpoint, accounts: sandbox.accounts, registries: sandbox.registries, profiles: PROFILES };
    return {
      workspace,
      sandbox,
      // Empty values hide the launcher's own AWS credentials: the profiles are the only source.
      env: { ...aws, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_REGION: '', AWS_DEFAULT_REGION: '', AWS_ENDPOINT_URL_ECR: '', ECR_SANDBOX: JSON.stringify(info) },
      settings: {},
      dispose: async () => {
        await sandbox.stop();
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** ~/.aws/config and credentials for the sandbox's accounts, each profile with its endpoint_url. */
function writeAwsFiles(base: string, sandbox: Sandbox): Record<string, string> {
  const config = sandbox.accounts
    .map((a, i) => `[profile ${PROFILES[i]}]\nregion = ${a.region}\nendpoint_url = ${sandbox.endpoint}\n`)
    .join('\n');
  const credentials = sandbox.accounts
    .map((a, i) => `[${PROFILES[i]}]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n`)
    .join('\n');
  const configFile = join(base, 'aws-config');
  const credentialsFile = join(base, 'aws-credentials');
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  return { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
}

/**
 * Copies test/fixtures/<fixture> and replaces `__SANDBOX_HOST_<n>__` with the data-plane host of
 * sandbox registry n (0-based), so the files name images the sandbox really has.
 */
function copyWorkspace(base: string, sandbox: Sandbox, fixture: FixtureWorkspace): string {
  const workspace = join(base, fixture);
  cpSync(join(repoRoot, 'test', 'fixtures', fixture), workspace, { recursive: true });
  const replace = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        replace(path);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      const replaced = text.replace(/__SANDBOX_HOST_(\d+)__/g, (whole, n: string) => sandbox.registries[Number(n)]?.host ?? whole);
      if (replaced !== text) writeFileSync(path, replaced);
    }
  };
  replace(workspace);
  return workspace;
}
