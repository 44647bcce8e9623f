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

/**
 * Asks for text that `parse` turns into a value or refuses with a reason (shown while the user
 * types); undefined when the question is dismissed.
 */
export async function inputParsed<T>(prompts: Prompts, options: vscode.InputBoxOptions, parse: (text: string) => T | string): Promise<T | undefined> {
  const reason = (text: string): string | undefined => {
    const parsed = parse(text);
    return typeof parsed === 'string' ? parsed : undefined;
  };
  const text = await prompts.input({ ...options, validateInput: reason });
  if (text === undefined) return undefined;
  const parsed = parse(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
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
