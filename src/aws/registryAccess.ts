// A registry's /v2/ client for an EcrApi: its login token (in memory, from the API's token cache)
// and the same network settings (proxy, NO_PROXY, extra CAs) as its API calls.
import type { EcrApi } from './ecrApi';
import { createAgents, type NetworkOptions } from './network';
import { RegistryClient } from './registryClient';

export async function registryClientFor(api: EcrApi, network: NetworkOptions = {}, profile?: string): Promise<RegistryClient> {
  return new RegistryClient(() => api.authorizationToken(), await createAgents(network, profile));
}
