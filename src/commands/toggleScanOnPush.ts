import type { CommandFactory } from '.';
import { apiOf, repositoryArg } from './nodeArgs';

export const toggleScanOnPush: CommandFactory = (ctx) => ({
  id: 'ecr.toggleScanOnPush',
  run: async (arg) => {
    const node = await repositoryArg(ctx, arg);
    if (!node) return undefined;
    const next = node.repository.imageScanningConfiguration?.scanOnPush !== true;
    await (await apiOf(ctx, node)).setScanOnPush(node.repository.repositoryName ?? '', next);
    ctx.log.info(`${node.repository.repositoryName}: scan on push ${next ? 'on' : 'off'}`);
    ctx.model.refresh(node.parent);
    return next;
  },
});
