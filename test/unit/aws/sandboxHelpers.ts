// One local ECR sandbox per test file, and EcrApi instances pointed at it with the real SDK.
import { createEcrApi, type EcrApiOptions } from '../../../src/aws/ecrClientApi';
import type { EcrApi } from '../../../src/aws/ecrApi';
import type { RegistrySource } from '../../../src/aws/discovery';
import { startSandbox, type SandboxAccount, type SandboxInternals } from '../../sandbox';

export function useSandbox(): () => SandboxInternals {
  let sandbox: SandboxInternals | undefined;
  before(async function () {
    this.timeout(120_000);
    sandbox = await startSandbox({ log: process.env.SANDBOX_LOG ? (line) => console.log(`[sandbox] ${line}`) : undefined });
  });
  afterEach(() => sandbox?.resetFaults());
  after(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };
}

export function sandboxSource(sandbox: SandboxInternals, account: SandboxAccount = sandbox.accounts[0]): RegistrySource {
  return {
    id: `sandbox|${account.accountId}|${account.region}`,
    label: `sandbox ${account.accountId} (${account.region})`,
    region: account.region,
    endpoint: sandbox.endpoint,
    origin: 'setting',
  };
}

/** An EcrApi with the account's static keys (the credential chain itself is tested separately). */
export function sandboxApi(sandbox: SandboxInternals, options: EcrApiOptions = {}, account: SandboxAccount = sandbox.accounts[0]): EcrApi {
  return createEcrApi(sandboxSource(sandbox, account), {
    credentials: async () => ({ accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }),
    ...options,
  });
}
