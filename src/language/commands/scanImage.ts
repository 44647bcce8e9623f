import * as vscode from 'vscode';
import type { CommandFactory } from '../../commands';
import { imageNodeFor } from '../explorerNodes';
import { languageServiceOf } from '../index';
import { asImageTarget, LANGUAGE_COMMANDS } from '../links';

/** From a hover or quick fix: scans the image (the explorer's ecr.startScan), then refreshes diagnostics. */
export const scanImage: CommandFactory = (ctx) => ({
  id: LANGUAGE_COMMANDS.scan,
  run: async (arg) => {
    const target = asImageTarget(arg);
    if (!target) throw new Error('No image given: use the link in an image hover or the quick fix.');
    const status = await vscode.commands.executeCommand<string | undefined>('ecr.startScan', await imageNodeFor(ctx, target));
    languageServiceOf(ctx)?.invalidate(target.repository, target.registryId);
    return status;
  },
});
