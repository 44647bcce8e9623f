// The node objects VS Code holds, by id. VS Code redraws an element only when given the very object
// it got from getChildren; a change announced with an equal node built elsewhere (a push, a hover's
// "Reveal", a command) is mapped to VS Code's object here. No vscode import: unit-tested alone.
import type { ExplorerNode } from './nodes';

export class OnScreenNodes {
  private readonly byId = new Map<string, ExplorerNode>();

  /**
   * VS Code drew `children` under `parent` (the top level without one). VS Code forgets everything it
   * had below a row whose children it asks for again, so do we: a row gone from the listing, or a
   * grandchild of the old listing, is no longer on screen.
   */
  drawn(parent: ExplorerNode | undefined, children: readonly ExplorerNode[]): void {
    if (!parent) this.byId.clear();
    else for (const [id, node] of this.byId) if (isBelow(node, parent.id)) this.byId.delete(id);
    for (const child of children) this.byId.set(child.id, child);
  }

  /** VS Code's object for the node's id, if VS Code holds one. */
  get(id: string): ExplorerNode | undefined {
    return this.byId.get(id);
  }

  /** The repository rows VS Code holds below a node (e.g. a registry's expanded repositories). */
  repositoriesBelow(id: string): ExplorerNode[] {
    return [...this.byId.values()].filter((node) => node.kind === 'repository' && isBelow(node, id));
  }
}

/** By parent links, not id prefixes: the images of repository `web2` are not below repository `web`. */
function isBelow(node: ExplorerNode, ancestorId: string): boolean {
  for (let parent = parentOf(node); parent; parent = parentOf(parent)) if (parent.id === ancestorId) return true;
  return false;
}

function parentOf(node: ExplorerNode): ExplorerNode | undefined {
  return node.kind === 'registry' ? undefined : node.parent;
}
