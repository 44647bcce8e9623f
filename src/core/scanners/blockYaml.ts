// A quick reader for the plain block YAML that manifests, compose files and values files are made
// of: block maps and sequences, one-line scalars, anchors, aliases and local tags, read line by line
// with exact offsets. It answers as `yaml` would (tree.ts's YAML view is its reference). One-line
// flow collections go to `yaml` alone, when first read. It gives up on anything else: at read time
// by returning undefined, or, for block scalars (skipped), by throwing NeedsFullParse when a scanner
// reads their text.
import { isScalar, Schema } from 'yaml';
import { ShiftedNode } from './shiftedNode';
import { ParsedDocuments, parseYamlNode, ScalarValue, TreeEntry, TreeNode } from './tree';

/** Thrown when a scanner reads a part of the document the quick reader did not model. */
export class NeedsFullParse extends Error {}

/** What only the full parser reads right: tabs, control characters, lone CRs, directives and `...`. */
const UNMODELLED_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\t\ufeff\u2028\u2029]|\r(?!\n)|^(?:%|\.\.\.)/m;
/** Nesting deeper than this is left to the full parser, so crafted input cannot exhaust the stack. */
const MAX_DEPTH = 200;
/** `yaml` rejects implicit keys longer than 1024 characters; longer ones are left to it. */
const MAX_KEY_LENGTH = 1000;
const PLAIN_KEY = /^[\w$./<(~+=][\w$./<()~+=>@: -]*$/;
const NAME = /^[\w.:-]+$/;
const BLOCK_SCALAR_HEADER = /^[|>][+-]?( +#.*)? *$/;
/** First characters of plain scalars that the core schema may read as null, bool or number. */
const MAYBE_NOT_STRING = /^[-+.~0-9nNtTfF]/;
const CORE_SCALAR_TAGS = new Schema({}).tags.filter((tag) => tag.default === true && 'test' in tag && tag.test !== undefined);

/** The documents of `text`, or undefined when it uses YAML this reader leaves to `yaml`. */
export function parseBlockYaml(text: string): ParsedDocuments | undefined {
  if (UNMODELLED_TEXT.test(text)) return undefined;
  try {
    return { roots: new BlockReader(text).documents(), commentPrefixes: ['#'] };
  } catch (error) {
    if (error instanceof NeedsFullParse) return undefined;
    throw error;
  }
}

function needsFullParse(): never {
  throw new NeedsFullParse('YAML outside what the quick reader models');
}

/** How `yaml` reads an untagged plain scalar: the core schema's tags, tried in its order. */
function plainValue(raw: string): unknown {
  if (!MAYBE_NOT_STRING.test(raw)) return raw;
  for (const tag of CORE_SCALAR_TAGS) {
    if (!('test' in tag) || !tag.test?.test(raw)) continue;
    const value: unknown = tag.resolve(raw, () => undefined, { intAsBigInt: false });
    return isScalar(value) ? value.value : value;
  }
  return raw;
}

abstract class QuickNode implements TreeNode {
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

class QuickMap extends QuickNode {
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

class QuickSeq extends QuickNode {
  readonly kind = 'seq';
  readonly list: TreeNode[] = [];

  override items(): readonly TreeNode[] {
    return this.list;
  }
}

/** How a one-line scalar is written; empty ones stand where `yaml` puts them, at the first non-space. */
type ScalarStyle = 'plain' | 'double' | 'single' | 'empty';

// Fields rather than closures: a 5 MB file holds a few hundred thousand of these.
class QuickScalar extends QuickNode {
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

function quotedValue(text: string, open: number, close: number): unknown {
  const content = text.slice(open + 1, close);
  if (text[open] === "'") return content.replace(/''/g, "'");
  // Escapes are rare in these files: `yaml` reads them, on the scalar alone.
  return content.includes('\\') ? parseYamlNode(text.slice(open, close + 1))?.scalar()?.value : content;
}

/** A block scalar, skipped: its kind is known, its text is left to the full parser. */
class SkippedScalar extends QuickNode {
  readonly kind = 'scalar';
  override scalar(): ScalarValue {
    return needsFullParse();
  }
}

/** A one-line flow collection with content, read by `yaml` alone when a scanner first looks inside. */
class LazyFlow extends QuickNode {
  private parsed: TreeNode | undefined;

  constructor(
    private readonly source: string,
    private readonly at: number,
  ) {
    super();
  }
  private get node(): TreeNode {
    if (!this.parsed) {
      const node = parseYamlNode(this.source);
      this.parsed = node ? new ShiftedNode(node, this.at) : needsFullParse();
    }
    return this.parsed;
  }
  override get kind(): TreeNode['kind'] {
    return this.node.kind;
  }
  override get start(): number {
    return this.node.start;
  }
  override get end(): number {
    return this.node.end;
  }
  override get(key: string): TreeNode | undefined {
    return this.node.get(key);
  }
  override getMerged(key: string): TreeNode | undefined {
    return this.node.getMerged(key);
  }
  override entries(): readonly TreeEntry[] {
    return this.node.entries();
  }
  override items(): readonly TreeNode[] {
    return this.node.items();
  }
  override scalar(): ScalarValue | undefined {
    return this.node.scalar();
  }
}

/** An anchor's node, filled in once read: aliases inside the anchored node point to it too. */
interface Anchor {
  node?: TreeNode;
}

// As tree.ts reads aliases: a scalar target's value at the alias' place, other targets unread.
class QuickAlias extends QuickNode {
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

interface Properties {
  anchor?: string;
  tag?: string;
}

class BlockReader {
  private anchors = new Map<string, Anchor>();
  /** Current line: its start, the end of its content (before the line break), its indentation. */
  private line = 0;
  private eol = 0;
  private indent = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.load(0);
  }

  documents(): TreeNode[] {
    const roots: TreeNode[] = [];
    for (;;) {
      this.skipInsignificant();
      if (this.line >= this.text.length) return roots;
      if (this.isDocumentStart()) {
        if (this.restIsBlank(this.line + 3) !== this.eol) needsFullParse();
        this.anchors = new Map();
        this.load(this.nextLineStart());
        continue;
      }
      roots.push(this.block(this.indent));
      if (!this.atEnd()) needsFullParse();
    }
  }

  private load(start: number): void {
    const text = this.text;
    this.line = start;
    let newline = text.indexOf('\n', start);
    if (newline < 0) newline = text.length;
    this.eol = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    let at = start;
    while (at < this.eol && text.charCodeAt(at) === 32) at++;
    this.indent = at - start;
  }

  private nextLineStart(): number {
    const newline = this.text.indexOf('\n', this.eol);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private isDocumentStart(): boolean {
    const text = this.text;
    const at = this.line;
    return this.indent === 0 && text.startsWith('---', at) && (at + 3 === this.eol || text.charCodeAt(at + 3) === 32);
  }

  /** Moves to the next line with content, stopping at the end and at `---`. */
  private skipInsignificant(): void {
    while (this.line < this.text.length) {
      const first = this.line + this.indent;
      if (first < this.eol && this.text.charCodeAt(first) !== 35) return;
      this.load(this.nextLineStart());
    }
  }

  private nextSignificant(): void {
    this.load(this.nextLineStart());
    this.skipInsignificant();
  }

  private atEnd(): boolean {
    return this.line >= this.text.length || this.isDocumentStart();
  }

  /** Offset of the first non-space at or after `at`; the line's end when only a comment follows. */
  private restIsBlank(at: number): number {
    let i = at;
    while (i < this.eol && this.text.charCodeAt(i) === 32) i++;
    if (i < this.eol && this.text.charCodeAt(i) === 35 && i > at) return this.eol;
    return i;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) needsFullParse();
  }

  private block(column: number): QuickNode {
    const at = this.line + column;
    if (this.isSeqItem(at)) return this.seq(column);
    if (this.keyColon(at) >= 0) return this.map(column);
    return needsFullParse();
  }

  private isSeqItem(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && (at + 1 === this.eol || this.text.charCodeAt(at + 1) === 32);
  }

  /** Block map whose first key starts at `column` of the current line. */
  private map(column: number): QuickMap {
    this.enter();
    const map = new QuickMap();
    let at = this.line + column;
    for (;;) {
      const colon = this.keyColon(at);
      if (colon < 0) needsFullParse();
      const key = this.key(at, colon);
      const value = this.value(colon + 1, column, true);
      map.pairs.push({ key, keyStart: at, value });
      if (this.atEnd() || this.indent < column) break;
      if (this.indent > column) needsFullParse();
      at = this.line + column;
    }
    this.depth--;
    return map;
  }

  /** Block sequence whose first `-` is at `column` of the current line. */
  private seq(column: number): QuickSeq {
    this.enter();
    const seq = new QuickSeq();
    for (;;) {
      const at = this.restIsBlank(this.line + column + 1);
      if (at < this.eol && this.isSeqItem(at)) seq.list.push(this.seq(at - this.line));
      else if (at < this.eol && this.keyColon(at) >= 0) seq.list.push(this.map(at - this.line));
      else seq.list.push(this.value(this.line + column + 1, column, false));
      if (this.atEnd() || this.indent < column) break;
      if (this.indent > column) needsFullParse();
      if (!this.isSeqItem(this.line + column)) break;
    }
    this.depth--;
    return seq;
  }

  /** Offset of the `:` ending an implicit key at `at`, or -1 when the line holds no key there. */
  private keyColon(at: number): number {
    const text = this.text;
    const first = text[at];
    if ('[{&!*|>'.includes(first)) return -1;
    if (first === '"' || first === "'") {
      const close = this.closingQuote(at);
      return close >= 0 && text.charCodeAt(close + 1) === 58 && (close + 2 === this.eol || text.charCodeAt(close + 2) === 32) ? close + 1 : -1;
    }
    for (let i = at; i < this.eol; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 && (i + 1 === this.eol || text.charCodeAt(i + 1) === 32)) return i;
      if (c === 35 && i > at && text.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private key(at: number, colon: number): string {
    const text = this.text;
    const first = text[at];
    if (first === '"' || first === "'") return String(quotedValue(this.text, at, colon - 1));
    let end = colon;
    while (end > at && text.charCodeAt(end - 1) === 32) end--;
    const raw = text.slice(at, end);
    if (raw.length > MAX_KEY_LENGTH || !PLAIN_KEY.test(raw)) needsFullParse();
    return String(plainValue(raw));
  }

  /**
   * The node after a `:` or `-` ending at `from`, within a collection at `column`; leaves the
   * reader on the next line with content. `inMap`: a sequence may follow at the map's own indentation.
   */
  private value(from: number, column: number, inMap: boolean): TreeNode {
    const text = this.text;
    const properties: Properties = {};
    let at = this.skipSpaces(from);
    while (at < this.eol && (text[at] === '&' || text[at] === '!')) at = this.property(at, properties);
    const anchor = properties.anchor === undefined ? undefined : this.anchorFor(properties.anchor);
    let node: QuickNode;
    if (at >= this.eol || text[at] === '#') node = this.emptyOrBlock(at, column, inMap);
    else if (text[at] === '|' || text[at] === '>') node = this.blockScalar(at, column);
    else {
      node = this.inline(at, properties);
      this.nextSignificant();
      if (!this.atEnd() && this.indent > column) needsFullParse();
    }
    node.tag = properties.tag;
    if (anchor) anchor.node = node;
    return node;
  }

  private skipSpaces(at: number): number {
    let i = at;
    while (i < this.eol && this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  // A new anchor hides an older one of the same name from here on, as `yaml` resolves aliases.
  private anchorFor(name: string): Anchor {
    const anchor: Anchor = {};
    this.anchors.set(name, anchor);
    return anchor;
  }

  /** Reads `&anchor` or `!tag` at `at`; returns where the next token starts. */
  private property(at: number, properties: Properties): number {
    let end = at + 1;
    while (end < this.eol && this.text.charCodeAt(end) !== 32) end++;
    const name = this.text.slice(at + 1, end);
    const isAnchor = this.text[at] === '&';
    if (!NAME.test(name) || (isAnchor ? properties.anchor : properties.tag) !== undefined) needsFullParse();
    if (isAnchor) properties.anchor = name;
    else if (/^[A-Za-z]/.test(name)) properties.tag = `!${name}`;
    else needsFullParse();
    return this.skipSpaces(end);
  }

  private emptyOrBlock(at: number, column: number, inMap: boolean): QuickNode {
    this.nextSignificant();
    if (!this.atEnd()) {
      if (this.indent > column) return this.block(this.indent);
      if (inMap && this.indent === column && this.isSeqItem(this.line + column)) return this.seq(column);
    }
    return new QuickScalar(this.text, at, at, 'empty');
  }

  private inline(at: number, properties: Properties): QuickNode {
    const text = this.text;
    const first = text[at];
    if (first === '*') return this.alias(at, properties);
    if (first === '[' || first === '{') return this.flow(at);
    if (first === '"' || first === "'") return this.quoted(at);
    if ('-?:'.includes(first) && (at + 1 === this.eol || text.charCodeAt(at + 1) === 32)) needsFullParse();
    if (',]}#&!%@`'.includes(first)) needsFullParse();
    return this.plain(at);
  }

  private alias(at: number, properties: Properties): QuickNode {
    let end = at + 1;
    while (end < this.eol && this.text.charCodeAt(end) !== 32) end++;
    const name = this.text.slice(at + 1, end);
    if (properties.anchor !== undefined || properties.tag !== undefined || !NAME.test(name) || this.restIsBlank(end) !== this.eol) needsFullParse();
    return new QuickAlias(at, end, this.anchors.get(name) ?? {}, this.text.slice(at, end));
  }

  private plain(at: number): QuickNode {
    const text = this.text;
    let end = at;
    for (let i = at; i < this.eol; i++) {
      const c = text.charCodeAt(i);
      if (c === 35 && text.charCodeAt(i - 1) === 32) break;
      // `key: a: b` is a nested mapping `yaml` reports as an error.
      if (c === 58 && (i + 1 === this.eol || text.charCodeAt(i + 1) === 32)) needsFullParse();
      if (c !== 32) end = i + 1;
    }
    return new QuickScalar(text, at, end, 'plain');
  }

  private quoted(at: number): QuickNode {
    const close = this.closingQuote(at);
    if (close < 0 || this.restIsBlank(close + 1) !== this.eol) needsFullParse();
    return new QuickScalar(this.text, at, close + 1, this.text[at] === '"' ? 'double' : 'single');
  }

  /** Offset of the quote closing the one-line quoted scalar opened at `at`, or -1. */
  private closingQuote(at: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < this.eol; i++) {
      const c = text.charCodeAt(i);
      if (quote === 34 && c === 92) i++;
      else if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
        else return i;
      }
    }
    return -1;
  }

  private flow(at: number): QuickNode {
    const close = this.flowEnd(at);
    if (close < 0 || this.restIsBlank(close + 1) !== this.eol) needsFullParse();
    const inside = this.text.slice(at + 1, close);
    // Anchors and aliases tie the collection to the rest of the document: only the full parser sees them.
    if (inside.includes('&') || inside.includes('*')) needsFullParse();
    if (inside.trim() !== '') return new LazyFlow(this.text.slice(at, close + 1), at);
    return this.text[at] === '[' ? new QuickSeq() : new QuickMap();
  }

  /** Offset of the bracket closing the one-line flow collection opened at `at`, or -1. */
  private flowEnd(at: number): number {
    const text = this.text;
    let open = 0;
    let previous = '';
    for (let i = at; i < this.eol; i++) {
      const c = text[i];
      if (c === '"' || c === "'") {
        // A quote opens a scalar only where a token starts; `[don't]` is left to the full parser.
        if (!'[{,:'.includes(previous)) return -1;
        i = this.closingQuote(i);
        if (i < 0) return -1;
      } else if (c === '[' || c === '{') open++;
      else if (c === ']' || c === '}') {
        if (--open === 0) return i;
      } else if (c === '#' && text[i - 1] === ' ') return -1;
      if (c !== ' ') previous = text[i];
    }
    return -1;
  }

  /** Skips a `|` or `>` block scalar: the lines indented past `column`, and blank lines. */
  private blockScalar(at: number, column: number): QuickNode {
    if (!BLOCK_SCALAR_HEADER.test(this.text.slice(at, this.eol))) needsFullParse();
    let contentIndent = -1;
    for (;;) {
      this.load(this.nextLineStart());
      if (this.line >= this.text.length) break;
      const blank = this.line + this.indent === this.eol;
      if (blank) {
        if (contentIndent < 0) needsFullParse();
        continue;
      }
      if (this.indent <= column) break;
      if (contentIndent < 0) contentIndent = this.indent;
      else if (this.indent < contentIndent) needsFullParse();
    }
    this.skipInsignificant();
    return new SkippedScalar();
  }
}
