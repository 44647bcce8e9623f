// The tree nodes the quick block YAML reader (blockYaml.ts) builds, answering as tree.ts's view
// of a full `yaml` parse would. Parts they do not model throw NeedsFullParse when read.
import { isScalar, Schema } from 'yaml';
import { parseYamlNode, ScalarValue, TreeEntry, TreeNode } from './tree';

/** Thrown when a scanner reads a part of the document the quick reader did not model. */
export class NeedsFullParse extends Error {}

export function needsFullParse(): never {
  throw new NeedsFullParse('YAML outside what the quick reader models');
}

/** First characters of plain scalars that the core schema may read as null, bool or number. */
const MAYBE_NOT_STRING = /^[-+.~0-9nNtTfF]/;
const CORE_SCALAR_TAGS = new Schema({}).tags.filter((tag) => tag.default === true && 'test' in tag && tag.test !== undefined);

export /** How `yaml` reads an untagged plain scalar: the core schema's tags, tried in its order. */
function plainValue(raw: string): unknown {
  if (!MAYBE_NOT_STRING.test(raw)) return raw;
  for (const tag of CORE_SCALAR_TAGS) {
    if (!('test' in tag) || !tag.test?.test(raw)) continue;
    const value: unknown = tag.resolve(raw, () => undefined, { intAsBigInt: false });
    return isScalar(value) ? value.value : value;
  }
  return raw;
}

export abstract class QuickNode implements TreeNode {
  abstract readonly kind: TreeNode['kind'];
  tag?: string;
  get start(): number {
    return needsFullParse();
  }
  get end(): number {
    return needsFullParse();
  }
  get(key: string): TreeNode | undefined {
    void key;
    return undefined;
  }
  getMerged(key: string): TreeNode | undefined {
    return this.get(key);
  }
  entries(): readonly TreeEntry[] {
    return [];
  }
  items(): readonly TreeNode[] {
    return [];
  }
  scalar(): ScalarValue | undefined {
    return undefined;
  }
}

export class QuickMap extends QuickNode {
  readonly kind = 'map';
  readonly pairs: TreeEntry[] = [];

  override get(key: string): TreeNode | undefined {
    return this.pairs.find((pair) => pair.key === key)?.value;
  }

  // As tree.ts reads merge keys: explicit keys first, then each merged map's own keys, one level.
  override getMerged(key: string): TreeNode | undefined {
    const own = this.get(key);
    if (own) return own;
    for (const pair of this.pairs) {
      if (pair.key !== '<<') continue;
      const sources = pair.value instanceof QuickSeq ? pair.value.list : [pair.value];
      for (const source of sources) {
        const target = source instanceof QuickAlias ? source.target.node : source;
        const found = target instanceof QuickMap ? target.get(key) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  override entries(): readonly TreeEntry[] {
    return this.pairs;
  }
}

export class QuickSeq extends QuickNode {
  readonly kind = 'seq';
  readonly list: TreeNode[] = [];

  override items(): readonly TreeNode[] {
    return this.list;
  }
}

/** How a one-line scalar is written; empty ones stand where `yaml` puts them, at the first non-space. */
export type ScalarStyle = 'plain' | 'double' | 'single' | 'empty';

// Fields rather than closures: a 5 MB file holds a few hundred thousand of these.
export class QuickScalar extends QuickNode {
  readonly kind = 'scalar';

  constructor(
    private readonly text: string,
    private readonly at: number,
    private readonly until: number,
    private readonly style: ScalarStyle,
  ) {
    super();
  }
  override get start(): number {
    return this.at;
  }
  override get end(): number {
    return this.until;
  }
  // Unknown local tags (`!Sub`) keep the written string, as `yaml` reads them.
  override scalar(): ScalarValue {
    const tagged = this.tag !== undefined;
    if (this.style === 'empty') return { value: tagged ? '' : null, raw: '', start: this.at, end: this.at };
    if (this.style === 'plain') {
      const raw = this.text.slice(this.at, this.until);
      return { value: tagged ? raw : plainValue(raw), raw, start: this.at, end: this.until };
    }
    let start = this.at + 1;
    let end = this.until - 1;
    while (end > start && this.text.charCodeAt(end - 1) === 32) end--;
    while (start < end && this.text.charCodeAt(start) === 32) start++;
    return { value: quotedValue(this.text, this.at, this.until - 1), raw: this.text.slice(start, end), start, end };
  }
}

export function quotedValue(text: string, open: number, close: number): unknown {
  const content = text.slice(open + 1, close);
  if (text[open] === "'") return content.replace(/''/g, "'");
  // Escapes are rare in these files: `yaml` reads them, on the scalar alone.
  return content.includes('\\') ? parseYamlNode(text.slice(open, close + 1))?.scalar()?.value : content;
}

/** A block scalar, skipped: its kind is known, its text is left to the full parser. */
export class SkippedScalar extends QuickNode {
  readonly kind = 'scalar';
  override scalar(): ScalarValue {
    return needsFullParse();
  }
}

/** An anchor's node, filled in once read: aliases inside the anchored node point to it too. */
export interface Anchor {
  node?: TreeNode;
}

// As tree.ts reads aliases: a scalar target's value at the alias' place, other targets unread.
export class QuickAlias extends QuickNode {
  constructor(
    private readonly at: number,
    private readonly until: number,
    readonly target: Anchor,
    private readonly raw: string,
  ) {
    super();
  }
  override get start(): number {
    return this.at;
  }
  override get end(): number {
    return this.until;
  }
  private get value(): unknown {
    const target = this.target.node;
    return target?.kind === 'scalar' ? target.scalar()?.value : undefined;
  }
  override get kind(): 'scalar' | 'other' {
    return this.value === undefined ? 'other' : 'scalar';
  }
  override scalar(): ScalarValue | undefined {
    const value = this.value;
    return value === undefined ? undefined : { value, raw: this.raw, start: this.start, end: this.end };
  }
}

