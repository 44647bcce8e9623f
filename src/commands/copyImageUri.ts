import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { imageUri } from '../explorer/nodes';
import { imageArg } from './nodeArgs';

/** Copies `repo:tag`; with several tags the user picks one. */
export const copyImageUri: CommandFactory = (ctx) => ({
  id: 'ecr.copyImageUri',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node) return undefined;
    const tags = node.image.imageTags ?? [];
    const tag = tags.length > 1 ? (await ctx.prompts.pick(tags.map((label) => ({ label })), { placeHolder: 'Tag' }))?.label : tags[0];
    if (tags.length > 1 && !tag) return undefined;
    const uri = imageUri(node, false, tag);
    await vscode.env.clipboard.writeText(uri);
    void vscode.window.setStatusBarMessage(`Copied ${uri}`, 3000);
    return uri;
  },
});
