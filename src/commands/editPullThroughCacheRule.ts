import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { upstreamAccessProblem, upstreamOf } from '../core/registrySettings';
import { asNode } from './nodeArgs';
import { settingsApi } from './registrySettingsArgs';

/** Changes the secret (or IAM role) a rule reaches its upstream with: the one setting ECR lets change. */
export const editPullThroughCacheRule: CommandFactory = (ctx) => ({
  id: 'ecr.editPullThroughCacheRule',
  run: async (arg, given?: unknown) => {
    const node = asNode(arg, 'pullThroughCacheRule');
    if (!node) return undefined;
    const prefix = node.rule.ecrRepositoryPrefix ?? '';
    const upstream = upstreamOf(node.rule.upstreamRegistryUrl ?? '');
    if (typeof upstream === 'string' || !upstream.needs) {
      void vscode.window.showInformationMessage(`The rule ${prefix} needs no credential: ECR lets only a rule's credential or role change. Delete and create it again to change its upstream.`);
      return undefined;
    }
    const current = (upstream.needs === 'credential' ? node.rule.credentialArn : node.rule.customRoleArn) ?? '';
    const value = typeof given === 'string' ? given : await ctx.prompts.input({
      title: `Pull-through cache rule ${prefix}: ${upstream.needs === 'credential' ? 'credential' : 'IAM role'}`,
      prompt: upstream.needs === 'credential' ? 'ARN of the Secrets Manager secret (ecr-pullthroughcache/…)' : 'ARN of the IAM role ECR assumes',
      value: current,
      validateInput: (text) => upstreamAccessProblem(upstream, text.trim()),
    });
    if (value === undefined) return undefined;
    const problem = upstreamAccessProblem(upstream, value.trim());
    if (problem) throw new Error(`Pull-through cache rule ${prefix} not changed: ${problem}`);
    const api = await settingsApi(ctx, node.parent.parent);
    await api.updatePullThroughCacheRule(prefix, upstream.needs === 'credential' ? { credentialArn: value.trim() } : { customRoleArn: value.trim() });
    ctx.log.info(`Pull-through cache rule ${prefix}: ${upstream.needs} updated`);
    ctx.model.refresh(node.parent);
    return value.trim();
  },
});
