// One local ECR sandbox per test file, and EcrApi instances pointed at it with the real SDK.
import { createEcrApi, type EcrApiOptions } from '../../../src/aws/ecrClientApi';
import type { EcrApi } from '../../../src/aws/ecrApi';
import type { RegistrySource } from '../../../src/aws/discovery';
import type { SandboxAccount, SandboxInternals } from '../../sandbox';

export { useSandbox } from '../sandbox/helpers';

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
