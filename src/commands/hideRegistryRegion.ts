import type { CommandFactory } from '.';
import { hidden, setHidden } from '../ui/hiddenRegistries';
import { registryRowArg } from './nodeArgs';

export const hideRegistryRegion: CommandFactory = (ctx) => ({
  id: 'ecr.hideRegistryRegion',
  run: async (arg) => {
    const entry = await registryRowArg(ctx, arg, 'Hide the region of registry', (e) => e.source.region !== '');
    if (!entry) return undefined;
    await setHidden('Regions', [...hidden('Regions'), entry.source.region]);
    ctx.log.info(`The ECR view hides region ${entry.source.region} (ecr.explorer.hiddenRegions)`);
    return entry.source.region;
  },
});
