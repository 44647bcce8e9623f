import { inputParsed } from '../ui/prompts';
import type { CommandFactory } from '.';
import type { NewPullThroughCacheRule } from '../aws/ecrApi';
import type { EcrContext } from '../context';
import { pullThroughPrefixProblem, upstreamAccessProblem, upstreamHost, upstreamOf } from '../core/registrySettings';
import { withProgress } from '../ui/progress';
import { groupArg, settingsApi } from './registrySettingsArgs';

/** `given` skips the questions (tests, keybindings); it is checked like typed answers. */
export const createPullThroughCacheRule: CommandFactory = (ctx) => ({
  id: 'ecr.createPullThroughCacheRule',
  run: async (arg, given?: unknown) => {
    const group = await groupArg(ctx, arg, 'pullThroughCache');
    if (!group) return undefined;
    const answered = (given as NewPullThroughCacheRule | undefined) ?? (await ask(ctx));
    if (!answered) return undefined;
    const spec = { ...answered, upstreamRegistryUrl: upstreamHost(answered.upstreamRegistryUrl) };
    const upstream = upstreamOf(spec.upstreamRegistryUrl);
    const problem = pullThroughPrefixProblem(spec.ecrRepositoryPrefix) ??
      (typeof upstream === 'string' ? upstream : upstreamAccessProblem(upstream, (upstream.needs === 'role' ? spec.customRoleArn : spec.credentialArn) ?? ''));
    if (problem) throw new Error(`Pull-through cache rule not created: ${problem}`);
    const api = await settingsApi(ctx, group.parent);
    await withProgress(`Creating pull-through cache rule ${spec.ecrRepositoryPrefix}`, () => api.createPullThroughCacheRule(spec));
    ctx.log.info(`${group.parent.parent.registry.source.label}: pull-through cache rule ${spec.ecrRepositoryPrefix} -> ${spec.upstreamRegistryUrl}`);
    ctx.model.refresh(group);
    return spec.ecrRepositoryPrefix;
  },
});

async function ask(ctx: EcrContext): Promise<NewPullThroughCacheRule | undefined> {
  const ecrRepositoryPrefix = await ctx.prompts.input({
    title: 'Pull-through cache rule (1/3): repository prefix',
    prompt: 'Images are cached in repositories named <prefix>/<upstream image>, e.g. docker-hub',
    validateInput: (value) => pullThroughPrefixProblem(value.trim()),
  });
  if (ecrRepositoryPrefix === undefined) return undefined;
  const upstream = await inputParsed(
    ctx.prompts,
    { title: 'Pull-through cache rule (2/3): upstream registry', prompt: 'e.g. public.ecr.aws, registry-1.docker.io, ghcr.io, quay.io, registry.k8s.io' },
    (text) => {
      const kind = upstreamOf(text);
      return typeof kind === 'string' ? kind : { ...kind, host: upstreamHost(text) };
    },
  );
  if (upstream === undefined) return undefined;
  const base = { ecrRepositoryPrefix: ecrRepositoryPrefix.trim(), upstreamRegistryUrl: upstream.host };
  if (!upstream.needs) return base;
  const access = await ctx.prompts.input({
    title: `Pull-through cache rule (3/3): ${upstream.needs === 'credential' ? 'credential' : 'IAM role'}`,
    prompt: upstream.needs === 'credential'
      ? `${upstream.label}: ARN of the Secrets Manager secret (named ecr-pullthroughcache/…) holding the upstream login`
      : 'ARN of the IAM role ECR assumes to read the other registry',
    validateInput: (value) => upstreamAccessProblem(upstream, value.trim()),
  });
  if (access === undefined) return undefined;
  return upstream.needs === 'credential' ? { ...base, credentialArn: access.trim() } : { ...base, customRoleArn: access.trim() };
}
