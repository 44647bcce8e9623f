// How build/push/pull failures reach the user: one clear message with "Show Log" (and an action
// where one helps), the details in the log. Commands return the failure too, so a caller that
// passed an argument object (a test, a task) can tell what happened without reading popups.
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { RegistryUnreachableError } from './registryAccess';
import { notify } from '../ui/logger';
import { errorMessage } from '../core/errors';

const AUTH_PROBLEMS = new Set(['noCredentials', 'ssoExpired', 'expiredCredentials', 'accessDenied']);

export type FailureKind =
  | 'cancelled'
  | 'untrusted'
  | 'docker-unavailable'
  | 'build'
  | 'repository-not-found'
  | 'immutable-tag'
  | 'auth'
  | 'network'
  | 'other';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
}

/** Extra buttons for a failure, e.g. "Create Repository" when the repository is missing. */
export type FailureActions = Partial<Record<FailureKind, { readonly label: string; run(): unknown }>>;

const KINDS: Record<string, FailureKind> = {
  CancelledError: 'cancelled',
  DeclinedError: 'cancelled',
  DockerUnavailableError: 'docker-unavailable',
  BuildError: 'build',
  RepositoryNotFoundError: 'repository-not-found',
  ImmutableTagError: 'immutable-tag',
  AuthError: 'auth',
  NetworkError: 'network',
  // From a registry-to-registry copy.
  DestinationMissingError: 'repository-not-found',
  CopyInterruptedError: 'network',
  RegistryConnectionError: 'network',
  // From ECR's API (GetAuthorizationToken), before the engine is involved.
  AccessDeniedException: 'auth',
  ExpiredTokenException: 'auth',
  UnrecognizedClientException: 'auth',
};

/** The docker bundle's errors are matched by name: they come from a separately loaded module. */
export function toFailure(error: unknown): Failure {
  if (error instanceof UntrustedWorkspaceError) return { kind: 'untrusted', message: error.message };
  if (error instanceof RegistryUnreachableError) {
    const auth = error.problemKinds.length > 0 && error.problemKinds.every((k) => AUTH_PROBLEMS.has(k));
    return { kind: auth ? 'auth' : 'other', message: error.message };
  }
  const name = error instanceof Error ? error.name : '';
  const status = (error as { status?: unknown } | undefined)?.status;
  if (name === 'RegistryError' && (status === 401 || status === 403)) return { kind: 'auth', message: errorMessage(error) };
  return { kind: KINDS[name] ?? 'other', message: errorMessage(error) };
}

/** The user said no to a question that guards their credentials. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}

export class UntrustedWorkspaceError extends Error {
  override readonly name = 'UntrustedWorkspaceError';
}

/** Logs the failure (a failed build step with its output) and shows it; returns it for callers. */
export function reportFailure(ctx: EcrContext, error: unknown, actions: FailureActions = {}): Failure {
  const failure = toFailure(error);
  if (failure.kind === 'cancelled') {
    ctx.log.info(failure.message);
    void notify(undefined, 'information', failure.message);
    return failure;
  }
  ctx.log.error(failure.message);
  const lastLines = (error as { lastLines?: readonly string[] }).lastLines;
  if (failure.kind === 'build' && lastLines?.length) ctx.log.error(`Output of the failing step:\n${lastLines.join('\n')}`);
  const action = actions[failure.kind];
  void (async () => {
    const buttons = action ? [action.label, 'Show Log'] : ['Show Log'];
    const choice = await notify(undefined, 'error', failure.message, ...buttons);
    if (choice === 'Show Log') ctx.log.show(true);
    else if (action && choice === action.label) await action.run();
  })().catch((actionError: unknown) => reportFailure(ctx, actionError));
  return failure;
}

/** Building runs the workspace's Dockerfile: only in a trusted workspace. */
export function requireTrust(what: string): void {
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError(`${what} is disabled in an untrusted workspace. Trust the folder to use it.`);
}
