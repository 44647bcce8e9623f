import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { configureRegistries } from './configureRegistries';
import { refresh } from './refresh';
import { showLog } from './showLog';

/** A command: its id (as contributed in package.json) and what it does. */
export interface Command {
  readonly id: string;
  run(...args: unknown[]): unknown;
}

export type CommandFactory = (ctx: EcrContext) => Command;

/** Every command of the extension; each must also be in `contributes.commands`. */
const commands: readonly CommandFactory[] = [refresh, showLog, configureRegistries];

export function registerCommands(ctx: EcrContext): void {
  for (const factory of commands) {
    const command = factory(ctx);
    ctx.register(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(...args)));
  }
}
