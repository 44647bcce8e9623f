import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { imageNodeFor } from '../language/explorerNodes';
import { asImageTarget, LANGUAGE_COMMANDS } from '../language/links';

/** From a hover or a diagnostic: the image's findings document (the explorer's ecr.showFindings). */
export const showImageFindings: CommandFactory = (ctx) => ({
  id: LANGUAGE_COMMANDS.showFindings,
  run: async (arg) => {
    const target = asImageTarget(arg);
    if (!target) throw new Error('No image given: use the link in an image hover or diagnostic.');
    return vscode.commands.executeCommand<string | undefined>('ecr.showFindings', await imageNodeFor(ctx, target));
  },
});
