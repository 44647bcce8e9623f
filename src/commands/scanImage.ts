import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { imageNodeFor } from '../language/explorerNodes';
import { asImageTarget, LANGUAGE_COMMANDS } from '../language/links';

/** From a hover or quick fix: scans the image with the explorer's ecr.startScan; its refresh of the repository renews the diagnostics. */
export const scanImage: CommandFactory = (ctx) => ({
  id: LANGUAGE_COMMANDS.scan,
  run: async (arg) => {
    const target = asImageTarget(arg);
    if (!target) throw new Error('No image given: use the link in an image hover or the quick fix.');
    return vscode.commands.executeCommand<string | undefined>('ecr.startScan', await imageNodeFor(ctx, target));
  },
});
