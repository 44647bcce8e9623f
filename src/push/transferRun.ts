// What build-tag-push, push and pull share: one cancellable progress notification driven by an
// AbortController, the Docker connection, and engine lines going to the log.
import type { EcrContext } from '../context';
import { clearTextRemoteHost } from '../core/clearTextHost';
import type { DockerConnection } from '../docker/connection';
import type { TransferEvent } from '../docker/transfer';
import { type DockerModule, loadDocker } from '../lazy';
import { DeclinedError } from './failure';
import { type RunHooks, withCancellableProgress } from '../ui/progress';
import { type ForwardProgress, within } from './forwardProgress';

export type { RunHooks };

export interface RunScope {
  readonly docker: DockerModule;
  readonly bar: ForwardProgress;
  readonly signal: AbortSignal;
}

/** Runs `task` under one cancellable notification (its title made plain text); Cancel (or `hooks.cancellation`) aborts `signal`. */
export async function withTransferProgress<T>(title: string, hooks: RunHooks, task: (scope: RunScope) => Promise<T>): Promise<T> {
  const docker = await loadDocker();
  return withCancellableProgress(title, hooks, (bar, signal) => task({ docker, bar, signal }));
}

/** Connects to the engine the settings/environment name; logs where it is. */
export async function connectEngine(ctx: EcrContext, scope: RunScope): Promise<DockerConnection> {
  scope.bar.report('Connecting to the Docker Engine');
  const connection = await scope.docker.connect(engineSettings(ctx));
  const where = `${connection.endpoint.host} (${scope.docker.describeSource(connection.endpoint.source)})`;
  ctx.log.info(`Docker Engine ${connection.engineVersion} (API ${connection.apiVersion}) at ${where}`);
  const clearText = clearTextRemoteHost(connection.link);
  if (clearText) {
    const send = await ctx.prompts.confirm(
      `The Docker Engine at ${clearText} is reached over plain tcp://: the registry password would cross the network unencrypted.`,
      'Send Anyway',
      'Use tcp:// only on this machine; reach a remote engine over https:// (TLS) or ssh://.',
    );
    if (!send) throw new DeclinedError(`Not sent: the Docker Engine at ${clearText} is reached over plain tcp://.`);
  }
  return connection;
}

/** The engine the user's settings name, with its TLS folder. */
export function engineSettings(ctx: EcrContext): { setting: string; certPath: string } {
  return { setting: ctx.config.dockerHost, certPath: ctx.config.dockerCertPath };
}

/** An onEvent for push/pull: layer progress into [from, to] of the bar, other lines to the log. */
export function transferEvents(ctx: EcrContext, bar: ForwardProgress, label: string, from: number, to: number): (event: TransferEvent) => void {
  return (event) => {
    if (event.kind === 'progress') bar.report(`${label}: ${event.step}`, within(from, to, event.percent));
    else ctx.log.info(event.text);
  };
}
