import type { CommandFactory } from '.';
import { registryRowArg } from './nodeArgs';

/** A row that stands for several profiles reaching one account and region: use another of them. */
export const switchRegistryProfile: CommandFactory = (ctx) => ({
  id: 'ecr.switchRegistryProfile',
  run: async (arg) => {
    const shown = await registryRowArg(ctx, arg, 'Registry reached by several profiles', (entry) => (entry.sharedWith?.length ?? 0) > 0);
    if (!shown?.sharedWith?.length) return undefined;
    const sources = [shown.source, ...shown.sharedWith];
    const picked = await ctx.prompts.pick(
      sources.map((source) => ({ label: source.profile ?? source.label, description: source === shown.source ? 'in use' : source.region, source })),
      { placeHolder: `Profile to reach ${shown.info?.accountId ?? 'this account'} (${shown.source.region}) with` },
    );
    if (!picked || picked.source === shown.source) return undefined;
    ctx.model.preferRegistry(shown, picked.source);
    ctx.log.info(`${shown.source.region}: the ECR view now uses profile ${picked.source.profile ?? picked.source.label}`);
    return picked.source.id;
  },
});
