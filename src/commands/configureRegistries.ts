import * as vscode from 'vscode';
import type { CommandFactory } from '.';

export const configureRegistries: CommandFactory = () => ({
  id: 'ecr.configureRegistries',
  run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'ecr.registries'),
});
