// Entry of the AWS bundle (dist/aws.js), loaded on first use through src/lazy.ts.
// The main bundle may only `import type` from src/aws; values come through this module.
export { discoverRegistries } from './discovery';
export type { DiscoveryOptions, RegistryOrigin, RegistrySetting, RegistrySource } from './discovery';
export { credentialsFor } from './credentials';
export type { CredentialProvider } from './credentials';
export { createEcrApi } from './ecrClientApi';
export type { EcrApiOptions } from './ecrClientApi';
export { ImageFailuresError } from './ecrApi';
export type * from './ecrApi';
export { classifyAwsError, redact } from './errors';
export type { NetworkOptions } from './network';
export type { EcrProblem, EcrProblemKind, ProblemAction } from './errors';
export { ImageLookups } from './imageLookup';
export type { ImageLookupsOptions, LookupApi, LookupPlace, LookupScope, RegistryIdentity } from './imageLookup';
export { DESCRIBE_IMAGES_MAX_IDS } from './describeImages';
export type { DescribeImagesFn } from './describeImages';
export { RequestCounter, attachRequestCounter } from './requestCounter';
export { TokenCache } from './tokenCache';
export type { TokenCacheOptions } from './tokenCache';
export { consoleHost, consoleUrl, validateRepositoryName } from './repositoryName';
export { copyImage, CopyInterruptedError, DestinationMissingError, ImmutableTagError } from './imageCopy';
export type { CopyProgress, CopyRequest, CopyResult, CopySide } from './imageCopy';
export { CancelledError, RegistryClient, RegistryConnectionError, RegistryError } from './registryClient';
export { registryClientFor } from './registryAccess';
