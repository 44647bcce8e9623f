import type { CommandFactory } from '.';

export const clearFilter: CommandFactory = (ctx) => ({
  id: 'ecr.clearFilter',
  run: () => ctx.model.setFilter(''),
});
