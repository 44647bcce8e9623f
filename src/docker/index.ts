// Entry of the Docker bundle (dist/docker.js), loaded on first use through src/lazy.ts.
// Everything here is plain Node (no `vscode`), so it runs and is tested outside VS Code.
import type Docker from 'dockerode';
import { dockerFor } from './connection';

export {
  connect,
  resolveDockerHost,
  dockerFor,
  describeSource,
  DEFAULT_DOCKER_HOST,
  type DockerConnection,
  type DockerEndpoint,
  type DockerHostSource,
  type ConnectOptions,
  type ResolveOptions,
} from './connection';
export { createBuildContext, type BuildContext, type BuildContextOptions } from './buildContext';
export { buildImage, BuildOutputParser, type BuildEvent, type BuildOptions, type BuildResult, type BuildStep } from './build';
export { pushImage, type PushResult } from './push';
export { pullImage, type PullResult } from './pull';
export type { TransferEvent, TransferOptions } from './transfer';
export { ProgressAggregator, formatBytes, type ProgressSnapshot, type TransferKind } from './progress';
export { listLocalImages, tagImage, splitReference, type LocalImage, type SplitReference } from './images';
export { ecrAuthConfig, registryHost, authSecrets, type RegistryAuth, type EcrAuthorizationData } from './ecrAuth';
export { redactSecrets } from './redact';
export {
  DockerError,
  DockerUnavailableError,
  AuthError,
  RepositoryNotFoundError,
  ImmutableTagError,
  NetworkError,
  CancelledError,
  BuildError,
  classifyDockerError,
} from './errors';
export type { JsonMessage } from './jsonStream';

/** Kept for existing callers: a client for `host` (unix://, tcp://, http(s)://) or the default socket. Prefer connect(). */
export function connectDocker(host?: string): Docker {
  return dockerFor(host || 'unix:///var/run/docker.sock');
}
