// A quick reader for the plain block YAML that manifests, compose files and values files are made
// of: block maps and sequences, flow collections (on one line or continued on lines indented past
// their block), one-line scalars, anchors, aliases and local tags, read line by line with exact
// offsets. It answers as `yaml` would (tree.ts's YAML view is its reference). It gives up on
// anything else: at read time by returning undefined, or, for block scalars (skipped), by throwing
// NeedsFullParse when a scanner reads their text.
import { Anchor, NeedsFullParse, needsFullParse, plainValue, QuickAlias, QuickMap, QuickNode, QuickScalar, QuickSeq, quotedValue, SkippedScalar } from './quickNodes';
import { ParsedDocuments, TreeNode } from './tree';

/** What only the full parser reads right: tabs, control characters, lone CRs, directives and `...`. */
const UNMODELLED_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\t\ufeff\u2028\u2029]|\r(?!\n)|^(?:%|\.\.\.)/m;
/** Nesting deeper than this is left to the full parser, so crafted input cannot exhaust the stack. */
const MAX_DEPTH = 200;
/** `yaml` rejects implicit keys longer than 1024 characters; longer ones are left to it. */
const MAX_KEY_LENGTH = 1000;
const PLAIN_KEY = /^[\w$./<(~+=][\w$./<()~+=>@: -]*$/;
const NAME = /^[\w.:-]+$/;
const BLOCK_SCALAR_HEADER = /^[|>][+-]?( +#.*)? *$/;

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
  /** Inside a flow collection: where the next token is read from, and the column of the block holding it. */
  private flowAt = 0;
  private flowColumn = 0;

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
      node = this.inline(at, column, properties);
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

  private inline(at: number, column: number, properties: Properties): QuickNode {
    const text = this.text;
    const first = text[at];
    if (first === '*') return this.alias(at, properties);
    if (first === '[' || first === '{') return this.flow(at, column);
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

  /**
   * A flow collection opened at `at`, possibly continued on lines indented past `column`; leaves the
   * reader on the line where it closes, with only a comment after it.
   */
  private flow(at: number, column: number): QuickNode {
    this.flowColumn = column;
    const node = this.flowCollection(at);
    if (this.restIsBlank(this.flowAt) !== this.eol) needsFullParse();
    return node;
  }

  private flowCollection(at: number): QuickMap | QuickSeq {
    this.enter();
    const isMap = this.text[at] === '{';
    const collection = isMap ? new QuickMap() : new QuickSeq();
    const close = isMap ? '}' : ']';
    let next = this.flowToken(at + 1);
    while (this.text[next] !== close) {
      if (collection instanceof QuickMap) next = this.flowPair(next, collection);
      else {
        collection.list.push(this.flowNode(next));
        next = this.flowToken(this.flowAt);
      }
      if (this.text[next] === ',') next = this.flowToken(next + 1);
      else if (this.text[next] !== close) needsFullParse();
    }
    this.flowAt = next + 1;
    this.depth--;
    return collection;
  }

  /** Reads `key: value` at `at` into `map`; returns where the next token starts. */
  private flowPair(at: number, map: QuickMap): number {
    const text = this.text;
    const first = text[at];
    let colon: number;
    let key: string;
    if (first === '"' || first === "'") {
      const close = this.closingQuote(at);
      if (close < 0) needsFullParse();
      colon = this.skipSpaces(close + 1);
      key = String(quotedValue(text, at, close));
    } else {
      if (this.plainStart(at) || first === '*') needsFullParse();
      const end = this.flowPlainEnd(at);
      colon = this.skipSpaces(end);
      const raw = text.slice(at, end);
      if (raw.length > MAX_KEY_LENGTH || !PLAIN_KEY.test(raw)) needsFullParse();
      key = String(plainValue(raw));
    }
    // Keys without a value, values on the next line and `"a":b` are left to the full parser.
    if (text[colon] !== ':' || colon + 1 >= this.eol || text.charCodeAt(colon + 1) !== 32) needsFullParse();
    const value = this.flowNode(this.skipSpaces(colon + 1));
    map.pairs.push({ key, keyStart: at, value });
    return this.flowToken(this.flowAt);
  }

  /** The node at `at` (same line), leaving `flowAt` just after it. */
  private flowNode(at: number): QuickNode {
    const text = this.text;
    const properties: Properties = {};
    let from = at;
    while (from < this.eol && (text[from] === '&' || text[from] === '!')) from = this.flowProperty(from, properties);
    const anchor = properties.anchor === undefined ? undefined : this.anchorFor(properties.anchor);
    const first = text[from];
    let node: QuickNode;
    if (from >= this.eol || ',]}#'.includes(first)) return needsFullParse();
    if (first === '[' || first === '{') node = this.flowCollection(from);
    else if (first === '*') {
      if (properties.anchor !== undefined || properties.tag !== undefined) needsFullParse();
      const end = this.flowNameEnd(from + 1);
      const name = text.slice(from + 1, end);
      if (!NAME.test(name)) needsFullParse();
      node = new QuickAlias(from, end, this.anchors.get(name) ?? {}, text.slice(from, end));
      this.flowAt = end;
    } else if (first === '"' || first === "'") {
      const close = this.closingQuote(from);
      if (close < 0 || !this.endsFlowToken(close + 1)) needsFullParse();
      node = new QuickScalar(text, from, close + 1, first === '"' ? 'double' : 'single');
      this.flowAt = close + 1;
    } else {
      if (this.plainStart(from)) needsFullParse();
      const end = this.flowPlainEnd(from);
      // `[a: b]` (a pair in a sequence) and `{a: b: c}` are left to the full parser.
      if (text[this.skipSpaces(end)] === ':') needsFullParse();
      node = new QuickScalar(text, from, end, 'plain');
      this.flowAt = end;
    }
    node.tag = properties.tag;
    if (anchor) anchor.node = node;
    return node;
  }

  /** Whether a plain scalar cannot start at `at`: indicators, and `-`, `?`, `:` before a space or flow indicator. */
  private plainStart(at: number): boolean {
    const text = this.text;
    const first = text[at];
    if (',[]{}#&!*|>\'"%@`'.includes(first)) return true;
    return '-?:'.includes(first) && (at + 1 >= this.eol || ' ,[]{}'.includes(text[at + 1]));
  }

  /** End of the flow plain scalar at `at` (trailing spaces excluded); gives up on what it does not model. */
  private flowPlainEnd(at: number): number {
    const text = this.text;
    let end = at;
    for (let i = at; i < this.eol; i++) {
      const c = text[i];
      if (c === ',' || c === ']' || c === '}') break;
      if (c === '[' || c === '{') needsFullParse();
      if (c === ':' && (i + 1 === this.eol || ' ,[]{}'.includes(text[i + 1]))) break;
      if (c === '#' && text[i - 1] === ' ') break;
      if (c !== ' ') end = i + 1;
    }
    return end;
  }

  private endsFlowToken(at: number): boolean {
    return at >= this.eol || ' ,]}:'.includes(this.text[at]);
  }

  private flowNameEnd(at: number): number {
    let end = at;
    while (end < this.eol && !' ,[]{}'.includes(this.text[end])) end++;
    return end;
  }

  /** Reads `&anchor` or `!tag` in a flow; a node must follow on the same line. */
  private flowProperty(at: number, properties: Properties): number {
    const end = this.flowNameEnd(at + 1);
    if (end >= this.eol || this.text.charCodeAt(end) !== 32) needsFullParse();
    return this.property(at, properties);
  }

  /**
   * The next token at or after `at`: past spaces, comments and line breaks; continuation lines must
   * be indented past the block collection holding the flow.
   */
  private flowToken(at: number): number {
    const text = this.text;
    let i = this.skipSpaces(at);
    for (;;) {
      if (i < this.eol && !(text.charCodeAt(i) === 35 && (i === this.line || text.charCodeAt(i - 1) === 32))) return i;
      this.load(this.nextLineStart());
      if (this.line >= text.length) needsFullParse();
      if (this.line + this.indent < this.eol && this.indent <= this.flowColumn) needsFullParse();
      i = this.line + this.indent;
    }
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
