import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';

/** The "Loading…" row's Cancel: stops paging, keeps the rows loaded so far. */
export const cancelLoading: CommandFactory = (ctx) => ({
  id: 'ecr.cancelLoading',
  run: (arg) => {
    const node = asNode(arg, 'progress');
    if (node) ctx.model.cancelLoading(node.parent);
  },
});
