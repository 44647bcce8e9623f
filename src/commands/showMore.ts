import type { CommandFactory } from '.';
import { asNode } from './nodeArgs';

export const showMore: CommandFactory = (ctx) => ({
  id: 'ecr.showMore',
  run: (arg) => {
    const node = asNode(arg, 'more');
    if (node) ctx.model.showMore(node.parent.id, node.parent);
  },
});
