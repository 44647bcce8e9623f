import * as vscode from 'vscode';

/** Asks before a destructive action; true only when the user picked `action`. */
export async function confirm(message: string, action: string, detail?: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return choice === action;
}
