import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';
import { settingsApi } from './registrySettingsArgs';

/** Asks ECR whether the rule can reach its upstream, and says so. */
export const validatePullThroughCacheRule: CommandFactory = (ctx) => ({
  id: 'ecr.validatePullThroughCacheRule',
  run: async (arg) => {
    const node = asNode(arg, 'pullThroughCacheRule');
    if (!node) return undefined;
    const prefix = node.rule.ecrRepositoryPrefix ?? '';
    const result = await (await settingsApi(ctx, node.parent.parent)).validatePullThroughCacheRule(prefix);
    const message = result.isValid
      ? `Pull-through cache rule ${prefix}: ECR can reach ${node.rule.upstreamRegistryUrl ?? 'the upstream'} with its settings.`
      : `Pull-through cache rule ${prefix} cannot reach ${node.rule.upstreamRegistryUrl ?? 'the upstream'}: ${result.failure ?? 'no reason given'}`;
    ctx.log.info(message);
    if (result.isValid) void vscode.window.showInformationMessage(message);
    else void vscode.window.showWarningMessage(message);
    return result;
  },
});
