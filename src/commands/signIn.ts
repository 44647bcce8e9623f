import * as vscode from 'vscode';
import type { CommandFactory } from '.';

/** Runs the sign-in command an error node offers (e.g. `aws sso login --profile dev`) in a terminal. */
export const signIn: CommandFactory = (ctx) => ({
  id: 'ecr.signIn',
  run: (command?: unknown) => {
    if (typeof command !== 'string' || !/^aws sso login( --profile [\w.@+-]+)?$/.test(command)) return;
    const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
    terminal.show();
    terminal.sendText(command);
    // The explorer shows the registry again once the user signs in and refreshes.
    ctx.log.info(`Started "${command}" in a terminal`);
  },
});
