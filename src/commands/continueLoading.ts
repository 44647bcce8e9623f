import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';

/** The "Partial list" row's action: goes on loading from the first page not loaded. */
export const continueLoading: CommandFactory = (ctx) => ({
  id: 'ecr.continueLoading',
  run: (arg) => {
    const node = asNode(arg, 'progress');
    if (node) ctx.model.continueLoading(node.parent);
  },
});
