import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import type { EcrContext } from '../context';
import { imageName } from '../language/diagnosticBuilder';
import { imageNodeFor } from '../language/explorerNodes';
import { asImageTarget, ImageTarget, LANGUAGE_COMMANDS } from '../language/links';
import { notify } from '../ui/logger';
import { errorMessage } from '../core/errors';

/** Selects the image in the ECR view; from the palette, the image under the cursor. Returns the node id. */
export const revealInExplorer: CommandFactory = (ctx) => ({
  id: LANGUAGE_COMMANDS.reveal,
  run: async (arg) => {
    const target = asImageTarget(arg) ?? (await targetAtCursor(ctx));
    if (!target) {
      void vscode.window.showInformationMessage('Put the cursor on an ECR image reference, or use the link in its hover.');
      return undefined;
    }
    if (target.registryAccountId) {
      // The tree lists each registry's own repositories only.
      void notify(undefined, 'information', `${imageName(target)} belongs to account ${target.registryAccountId}, which the ECR view does not list.`);
      return undefined;
    }
    const node = await imageNodeFor(ctx, target);
    try {
      await ctx.explorer.view.reveal(node, { select: true, focus: true, expand: false });
      return node.id;
    } catch (error) {
      // The image may sit beyond the shown page ("Show more") or be hidden by the filter.
      ctx.log.info(`Reveal ${node.id}: ${errorMessage(error)}; revealing its repository`);
      await ctx.explorer.view.reveal(node.parent, { select: true, focus: true, expand: true });
      return node.parent.id;
    }
  },
});

async function targetAtCursor(ctx: EcrContext): Promise<ImageTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const resolved = await ctx.language.service.resolveAt(editor.document, editor.selection.active);
  return resolved?.outcome.kind === 'found' ? resolved.outcome.target : undefined;
}
