import * as vscode from 'vscode';

/**
 * Every question a command asks goes through here, so integration tests can answer (and check)
 * them without clicking; users get VS Code's own dialogs.
 */
export interface Prompts {
  /** A modal warning; true only when the user picked `action`. */
  confirm(message: string, action: string, detail?: string): Promise<boolean>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
}

export const vscodePrompts: Prompts = {
  async confirm(message, action, detail) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async input(options) {
    return vscode.window.showInputBox(options);
  },
  async pick(items, options) {
    return vscode.window.showQuickPick(items, options);
  },
};
