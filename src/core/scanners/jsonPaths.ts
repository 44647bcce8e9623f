// The values at a few paths of a JSON(C) document, in one pass over its characters that builds
// nothing else: building jsonc-parser's whole tree was most of the scan of a 5 MB task definition
// (collecting its nodes over half of it), and even its visit() events cost more than reading the
// text. The pass only reads text jsonc-parser reads without an error (comments and trailing commas
// included), where its tree is beyond doubt, and finds what a walk of that tree finds: a key step
// takes an object's first property of that name, as TreeNode.get does. On anything else it gives
// up, and the caller reads the tree.
import { jsonScalar, ScalarValue } from './tree';

/** Where values are wanted: `found` names the value at this point; `keys` and `items` go on into objects and arrays. */
export interface JsonPaths {
  readonly found?: string;
  readonly keys?: Readonly<Record<string, JsonPaths>>;
  readonly items?: JsonPaths;
}

/** By name, in document order: a scalar as TreeNode.scalar() gives it, undefined for an object or array. */
export type FoundValues = Map<string, (ScalarValue | undefined)[]>;

// Nesting deeper than this is left to the tree: jsonc-parser recurses per level, and where it runs
// out of stack there is no tree at all, which must stay the answer.
const MAX_DEPTH = 200;
const UNREADABLE = -1;

/** The values along `paths`, or undefined where the text is not plain JSONC (an error, deep nesting). */
export function valuesAlong(text: string, paths: JsonPaths): FoundValues | undefined {
  const reader = new PathReader(text);
  const end = reader.trivia(reader.value(reader.trivia(0), paths, 0));
  return end === text.length ? reader.found : undefined;
}

// Each method takes the index where its part starts and returns the index after it, or UNREADABLE
// (which every later step passes on).
class PathReader {
  readonly found: FoundValues = new Map();
  private escaped = false;

  constructor(private readonly text: string) {}

  value(at: number, paths: JsonPaths | undefined, depth: number): number {
    if (at === UNREADABLE) return UNREADABLE;
    const c = this.text.charCodeAt(at);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= MAX_DEPTH) return UNREADABLE;
      if (paths?.found !== undefined) this.report(paths.found, undefined);
      return c === 0x7b ? this.object(at, paths, depth + 1) : this.array(at, paths, depth + 1);
    }
    const end = c === 0x22 /* " */ ? this.string(at) : this.literal(at);
    if (end !== UNREADABLE && paths?.found !== undefined) this.report(paths.found, jsonScalar(this.text, this.literalValue(at, end), at, end));
    return end;
  }

  private object(at: number, paths: JsonPaths | undefined, depth: number): number {
    const keys = paths?.keys;
    const seen: string[] = []; // keys on a path met so far: a handful at most
    let i = this.trivia(at + 1);
    if (this.text.charCodeAt(i) === 0x7d /* } */) return i + 1;
    for (;;) {
      if (this.text.charCodeAt(i) !== 0x22) return UNREADABLE;
      const keyEnd = this.string(i);
      if (keyEnd === UNREADABLE) return UNREADABLE;
      let along: JsonPaths | undefined;
      if (keys) {
        const key = this.stringValue(i, keyEnd);
        // Own keys only (not `constructor`), and only an object's first property of a name.
        if (Object.hasOwn(keys, key) && !seen.includes(key)) {
          along = keys[key];
          seen.push(key);
        }
      }
      i = this.trivia(keyEnd);
      if (this.text.charCodeAt(i) !== 0x3a /* : */) return UNREADABLE;
      i = this.trivia(this.value(this.trivia(i + 1), along, depth));
      const c = this.text.charCodeAt(i);
      if (c === 0x2c /* , */) {
        i = this.trivia(i + 1);
        if (this.text.charCodeAt(i) === 0x7d) return i + 1;
      } else return c === 0x7d ? i + 1 : UNREADABLE;
    }
  }

  private array(at: number, paths: JsonPaths | undefined, depth: number): number {
    const items = paths?.items;
    let i = this.trivia(at + 1);
    if (this.text.charCodeAt(i) === 0x5d /* ] */) return i + 1;
    for (;;) {
      i = this.trivia(this.value(i, items, depth));
      const c = this.text.charCodeAt(i);
      if (c === 0x2c) {
        i = this.trivia(i + 1);
        if (this.text.charCodeAt(i) === 0x5d) return i + 1;
      } else return c === 0x5d ? i + 1 : UNREADABLE;
    }
  }

  /** A string without errors: escapes as JSON has them, no control characters (a line break ends it unclosed). */
  private string(at: number): number {
    const text = this.text;
    this.escaped = false;
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c < 0x20) return UNREADABLE;
      if (c !== 0x5c /* \ */) continue;
      this.escaped = true;
      const escape = text.charCodeAt(++i);
      if (escape === 0x75 /* u */) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return UNREADABLE;
        i += 4;
      } else if (!SIMPLE_ESCAPES.includes(escape)) return UNREADABLE;
    }
    return UNREADABLE;
  }

  /** The string just read by string(), escapes decoded (JSON.parse decodes them as jsonc-parser does). */
  private stringValue(at: number, end: number): string {
    return this.escaped ? (JSON.parse(this.text.slice(at, end)) as string) : this.text.slice(at + 1, end - 1);
  }

  /** A number as JSON writes it, true, false or null. */
  private literal(at: number): number {
    for (const word of WORDS) if (this.text.startsWith(word, at)) return at + word.length;
    NUMBER.lastIndex = at;
    return NUMBER.test(this.text) ? NUMBER.lastIndex : UNREADABLE;
  }

  private literalValue(at: number, end: number): unknown {
    const c = this.text.charCodeAt(at);
    if (c === 0x22) return this.stringValue(at, end);
    if (c === 0x74 /* t */ || c === 0x66 /* f */) return c === 0x74;
    return c === 0x6e /* n */ ? null : Number(this.text.slice(at, end));
  }

  /** Past blanks and comments: the index of the next character, or UNREADABLE in an unclosed comment. */
  trivia(at: number): number {
    const text = this.text;
    let i = at;
    while (i !== UNREADABLE && i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else if (c !== 0x2f /* / */) break;
      else if (text.charCodeAt(i + 1) === 0x2f) i = lineEnd(text, i + 2);
      else if (text.charCodeAt(i + 1) === 0x2a /* * */) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? UNREADABLE : close + 2;
      } else break;
    }
    return i;
  }

  private report(name: string, value: ScalarValue | undefined): void {
    const list = this.found.get(name);
    if (list) list.push(value);
    else this.found.set(name, [value]);
  }
}

const SIMPLE_ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]; // " \ / b f n r t
const WORDS = ['true', 'false', 'null'];
// Sticky: matched where the number starts. No nested repetition, so linear in the number's length.
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}
