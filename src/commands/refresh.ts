import type { CommandFactory } from '.';

export const refresh: CommandFactory = (ctx) => ({
  id: 'ecr.refresh',
  run: () => ctx.explorer.refresh(),
});
