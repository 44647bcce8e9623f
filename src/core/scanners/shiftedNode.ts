// A tree read from a piece of a document, with its offsets moved to where the piece sits.
import { ScalarValue, TreeEntry, TreeNode } from './tree';

export class ShiftedNode implements TreeNode {
  constructor(
    private readonly node: TreeNode,
    private readonly shift: number,
  ) {}

  get kind(): TreeNode['kind'] {
    return this.node.kind;
  }
  get tag(): string | undefined {
    return this.node.tag;
  }
  get start(): number {
    return this.node.start + this.shift;
  }
  get end(): number {
    return this.node.end + this.shift;
  }
  get(key: string): TreeNode | undefined {
    return this.moved(this.node.get(key));
  }
  getMerged(key: string): TreeNode | undefined {
    return this.moved(this.node.getMerged(key));
  }
  entries(): readonly TreeEntry[] {
    return this.node.entries().map((entry) => ({ key: entry.key, keyStart: entry.keyStart + this.shift, value: this.moved(entry.value) }));
  }
  items(): readonly TreeNode[] {
    return this.node.items().map((item) => new ShiftedNode(item, this.shift));
  }
  scalar(): ScalarValue | undefined {
    const scalar = this.node.scalar();
    return scalar && { ...scalar, start: scalar.start + this.shift, end: scalar.end + this.shift };
  }

  private moved(node: TreeNode | undefined): TreeNode | undefined {
    return node && new ShiftedNode(node, this.shift);
  }
}
