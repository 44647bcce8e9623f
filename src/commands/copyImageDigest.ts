import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { asImageTarget, LANGUAGE_COMMANDS } from '../language/links';

/** From a hover: copies the image's digest. */
export const copyImageDigest: CommandFactory = () => ({
  id: LANGUAGE_COMMANDS.copyDigest,
  run: async (arg) => {
    const target = asImageTarget(arg);
    if (!target) throw new Error('No image given: use the link in an image hover.');
    await vscode.env.clipboard.writeText(target.digest);
    void vscode.window.setStatusBarMessage(`Copied ${target.digest}`, 3000);
    return target.digest;
  },
});
