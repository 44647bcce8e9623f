import type { CommandFactory } from '.';
import type { ExplorerNode } from '../explorer/nodes';

export const refresh: CommandFactory = (ctx) => ({
  id: 'ecr.refresh',
  run: (node?: unknown) => ctx.model.refresh(node as ExplorerNode | undefined),
});
