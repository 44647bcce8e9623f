// Credentials per registry source, through the SDK's own providers (SSO, assume-role,
// credential_process, environment), so behaviour matches the AWS CLI.
import { fromEnv, fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RegistrySource } from './discovery';

/** What the ECR client accepts as `credentials` (typed from the providers, no extra package). */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/**
 * `requestHandler` carries the proxy and CA settings to the STS, SSO and SSO-OIDC clients the
 * providers create (assume-role, IAM Identity Center, web identity), so they reach AWS as ECR does.
 */
export function credentialsFor(source: Pick<RegistrySource, 'profile' | 'origin'>, requestHandler?: NodeHttpHandler): CredentialProvider {
  const clientConfig = requestHandler ? { requestHandler } : undefined;
  // Discovery (dist/discovery.js) reads ~/.aws/config with a cache of its own: read the files
  // again here too, or a profile added since the first connection would be unknown to this bundle.
  const ignoreCache = true;
  if (source.profile !== undefined) return fromIni({ profile: source.profile, clientConfig, ignoreCache });
  if (source.origin === 'environment') return fromEnv();
  return fromNodeProviderChain({ clientConfig, ignoreCache });
}
