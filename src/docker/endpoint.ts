// An engine address and where it was found, in words for messages.

/** `known X`: the socket engine X (Colima, OrbStack, ...) creates, tried when nothing names one. */
export type DockerHostSource = 'setting' | 'DOCKER_HOST' | `context ${string}` | 'default' | `known ${string}`;

export interface DockerEndpoint {
  readonly host: string;
  readonly source: DockerHostSource;
  /** Folder with ca.pem/cert.pem/key.pem when the engine is reached over TLS. */
  readonly tlsDir?: string;
  /** Context endpoints may opt out of certificate checks. */
  readonly skipTlsVerify?: boolean;
}

/** Human words for where an address came from, for error messages. */
export function describeSource(source: DockerHostSource): string {
  if (source === 'setting') return 'ecr.docker.host setting';
  if (source === 'DOCKER_HOST') return 'DOCKER_HOST';
  if (source === 'default') return 'default socket';
  if (source.startsWith('known ')) return `${source.slice('known '.length)} socket`;
  return `docker ${source}`;
}
