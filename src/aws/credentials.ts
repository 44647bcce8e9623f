// Credentials per registry source, through the SDK's own providers (SSO, assume-role,
// credential_process, environment), so behaviour matches the AWS CLI.
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { RegistrySource } from './discovery';

/** What the ECR client accepts as `credentials` (typed from the providers, no extra package). */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

export function credentialsFor(source: Pick<RegistrySource, 'profile' | 'origin'>): CredentialProvider {
  if (source.profile !== undefined) return fromIni({ profile: source.profile });
  if (source.origin === 'environment') return fromEnv();
  return fromNodeProviderChain();
}
