import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { imageUri } from '../explorer/nodes';
import { imageArg } from './nodeArgs';

/** Copies `repo@sha256:...`, which always names this exact image. */
export const copyImageDigestUri: CommandFactory = (ctx) => ({
  id: 'ecr.copyImageDigestUri',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node) return undefined;
    const uri = imageUri(node, true);
    await vscode.env.clipboard.writeText(uri);
    void vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
    return uri;
  },
});
