// Typed errors for the Docker side. Messages say what failed and where; they never carry secrets
// (callers pass the secrets in use, and every message built here goes through redactSecrets).
import { redactSecrets } from './redact';

/** Any failure talking to the Docker Engine or, through it, to a registry. */
export class DockerError extends Error {
  override readonly name: string = 'DockerError';
  /** The engine's or registry's own words, redacted. */
  readonly detail: string;
  constructor(message: string, detail = '') {
    super(message);
    this.detail = detail;
  }
}

/** No engine answered at the resolved address. */
export class DockerUnavailableError extends DockerError {
  override readonly name = 'DockerUnavailableError';
}

/** The registry refused the credentials (missing, wrong or expired). */
export class AuthError extends DockerError {
  override readonly name = 'AuthError';
}

/** The repository does not exist in the registry (ECR does not create repositories on push). */
export class RepositoryNotFoundError extends DockerError {
  override readonly name = 'RepositoryNotFoundError';
}

/** The tag exists and the repository's tags are immutable. */
export class ImmutableTagError extends DockerError {
  override readonly name = 'ImmutableTagError';
}

/** The connection to the registry broke (reset, EOF, broken pipe, timeout). */
export class NetworkError extends DockerError {
  override readonly name = 'NetworkError';
}

/** The user (an AbortSignal) cancelled the operation. */
export class CancelledError extends DockerError {
  override readonly name = 'CancelledError';
  readonly cancelled = true;
}

/** A build step failed; carries the step and the last lines of output before the failure. */
export class BuildError extends DockerError {
  override readonly name = 'BuildError';
  constructor(
    message: string,
    detail: string,
    readonly step: { step: number; total: number; text: string } | undefined,
    readonly lastLines: readonly string[],
  ) {
    super(message, detail);
  }
}

const IMMUTABLE = /already exists.*immutable|immutable.*already exists|ImageTagAlreadyExists/i;
const NOT_FOUND = /name unknown|repository (with name )?\S* ?(does not exist|not found)|RepositoryNotFoundException/i;
const AUTH = /unauthorized|authentication required|no basic auth credentials|access.*denied|denied:|incorrect username or password/i;
const NETWORK = /connection reset|ECONNRESET|\bEOF\b|broken pipe|EPIPE|connection refused|ECONNREFUSED|i\/o timeout|ETIMEDOUT|no such host|TLS handshake timeout|server misbehaving/i;

/**
 * Turns the engine's error text for `action` (e.g. "Push of 127.0.0.1:5000/app:1") into a typed
 * error with a message a person can act on. `secrets` are removed from everything kept.
 */
export function classifyDockerError(action: string, raw: string, secrets: readonly string[] = []): DockerError {
  const detail = redactSecrets(stripHttpPrefix(raw).trim(), secrets);
  if (IMMUTABLE.test(detail)) {
    return new ImmutableTagError(`${action} failed: the tag already exists and the repository's tags are immutable. Use a new tag. (${detail})`, detail);
  }
  if (NOT_FOUND.test(detail)) {
    return new RepositoryNotFoundError(`${action} failed: the repository does not exist in the registry. Create it first. (${detail})`, detail);
  }
  if (AUTH.test(detail)) {
    return new AuthError(`${action} failed: the registry refused the credentials (missing, wrong or expired). Sign in again and retry. (${detail})`, detail);
  }
  if (NETWORK.test(detail)) {
    return new NetworkError(`${action} failed: the connection to the registry broke. Check the network and retry. (${detail})`, detail);
  }
  return new DockerError(`${action} failed: ${detail}`, detail);
}

/** dockerode wraps HTTP failures as "(HTTP code 500) server error - <engine message>". */
export function stripHttpPrefix(message: string): string {
  return message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '');
}

/** True for the errors Node and dockerode raise when an AbortSignal fires. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as NodeJS.ErrnoException).code === 'ABORT_ERR');
}
