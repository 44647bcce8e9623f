// ECR GetAuthorizationToken result -> the authconfig dockerode sends as X-Registry-Auth.
// Pure: the token is decoded in memory and never logged or written anywhere.

/** What dockerode turns into the X-Registry-Auth header. */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  /** Registry host[:port], without scheme, e.g. "123456789012.dkr.ecr.us-east-1.amazonaws.com". */
  readonly serveraddress: string;
  /** An OAuth refresh token in place of the password (docker config.json's "identitytoken"); never from ECR. */
  readonly identitytoken?: string;
}

/** The two fields of ECR's AuthorizationData that matter here. */
export interface EcrAuthorizationData {
  readonly authorizationToken?: string;
  readonly proxyEndpoint?: string;
}

/** Decodes ECR's base64 "AWS:<password>" token and its proxy endpoint into a RegistryAuth. */
export function ecrAuthConfig(data: EcrAuthorizationData): RegistryAuth {
  if (!data.authorizationToken) throw new Error('ECR returned no authorization token.');
  if (!data.proxyEndpoint) throw new Error('ECR returned no proxy endpoint with the authorization token.');
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // The message must not echo the token: it is the credential.
  if (colon <= 0 || colon === decoded.length - 1) {
    throw new Error('ECR authorization token is not of the form base64("user:password").');
  }
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    serveraddress: registryHost(data.proxyEndpoint),
  };
}

/** "https://host:port/" -> "host:port"; a bare host stays as it is. */
export function registryHost(endpoint: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  return new URL(withScheme).host;
}

/** The strings to pass to redactSecrets for this auth (password and the encoded forms of it). */
export function authSecrets(auth: RegistryAuth | undefined): string[] {
  if (!auth) return [];
  const pair = `${auth.username}:${auth.password}`;
  return [auth.password, Buffer.from(pair).toString('base64'), encodeURIComponent(auth.password), auth.identitytoken ?? ''];
}

/**
 * Credentials for a registry a build pulls from (base images), by "host[:port]" as BuildKit or
 * the Dockerfile names it; undefined pulls anonymously. Rejects when the host's registry is known
 * but its credentials cannot be had (the build then fails with that reason).
 */
export type RegistryCredentials = (host: string) => Promise<RegistryAuth | undefined>;
