import type { CommandFactory } from '.';

export const showLog: CommandFactory = (ctx) => ({
  id: 'ecr.showLog',
  run: () => ctx.log.show(true),
});
