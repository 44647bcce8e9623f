// Answers of a LocalStack-style ECR emulator (the `emulator` fault group), put into ECR's own answers.
import { EcrError } from '../ecrError';
import { awsRegistryHost } from '../faults';
import type { SandboxState } from '../model';

/**
 * What LocalStack answers for an operation it does not implement (501 `InternalFailure`, its wording,
 * e.g. localstack/localstack#10137). ECR itself would answer an unknown X-Amz-Target with 400
 * `UnknownOperationException`; the extension must cope with both.
 */
export function notImplemented(opName: string): EcrError {
  return new EcrError(
    'InternalFailure',
    `API action '${opName}' for service 'ecr' not yet implemented or pro feature - please check https://docs.localstack.cloud/references/coverage/ for further information`,
    501,
  );
}

/** The answer with AWS hosts in `repositoryUri`/`proxyEndpoint` and past token expiries, as switched on (a copy). */
export function emulatorOutput<T>(state: SandboxState, output: T): T {
  const { awsHostsInUris, expiredTokens } = state.faults.emulator;
  if (!awsHostsInUris && !expiredTokens) return output;
  const awsHost = (local: string): string => {
    const registry = state.registryByHost(local);
    return registry ? awsRegistryHost(registry.accountId, registry.region) : local;
  };
  return JSON.parse(JSON.stringify(output), (key, value: unknown) => {
    if (awsHostsInUris && key === 'repositoryUri' && typeof value === 'string') {
      const slash = value.indexOf('/');
      return `${awsHost(value.slice(0, slash))}${value.slice(slash)}`;
    }
    if (awsHostsInUris && key === 'proxyEndpoint' && typeof value === 'string') return `https://${awsHost(new URL(value).host)}`;
    if (expiredTokens && key === 'expiresAt' && typeof value === 'number') return Date.now() / 1000 - 3600;
    return value;
  }) as T;
}

/** `imageSizeInBytes` as an emulator that reports only the config blob gives it (the manifest's own size for an index). */
export function configSize(manifest: Buffer): number {
  const parsed = JSON.parse(manifest.toString()) as { config?: { size?: unknown } };
  return typeof parsed.config?.size === 'number' ? parsed.config.size : manifest.length;
}
