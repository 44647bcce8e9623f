// One read-only view over YAML (`yaml`) and JSON (`jsonc-parser`) syntax trees with source offsets,
// so each structured scanner is written once and works on both formats. Nodes are wrapped lazily:
// a scanner only walks the paths it needs, and aliases are never expanded.
import * as jsonc from 'jsonc-parser';
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node as YamlNode, parseAllDocuments, parseDocument, Scalar } from 'yaml';

export interface ScalarValue {
  /** Parsed value (string, number, boolean, null). */
  readonly value: unknown;
  /** Source text of the value: inside quotes, without trailing blanks. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export interface TreeNode {
  readonly kind: 'map' | 'seq' | 'scalar' | 'other';
  /** YAML tag such as `!Sub`; undefined for JSON and untagged nodes. */
  readonly tag?: string;
  /** Source range of the whole node. */
  readonly start: number;
  readonly end: number;
  get(key: string): TreeNode | undefined;
  /** Like get(), then through YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`) as compose and YAML 1.1 read them. */
  getMerged(key: string): TreeNode | undefined;
  /** Map entries with their key's source range; empty for non-maps. */
  entries(): readonly TreeEntry[];
  items(): readonly TreeNode[];
  scalar(): ScalarValue | undefined;
}

export interface TreeEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly value: TreeNode | undefined;
}

export interface ParsedDocuments {
  readonly roots: readonly TreeNode[];
  /** Line comment markers the format allows, for `ecr-ignore`. */
  readonly commentPrefixes: readonly string[];
}

export function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text);
  return first !== null && (first[0] === '{' || first[0] === '[');
}

/** Parses JSON (when the text starts with `{` or `[`) or multi-document YAML. Never throws. */
export function parseDocuments(text: string): ParsedDocuments {
  return looksLikeJson(text) ? parseJson(text) : parseYaml(text);
}

export function parseYaml(text: string): ParsedDocuments {
  const roots: TreeNode[] = [];
  try {
    // No toJS(): aliases are never expanded, so alias bombs cost nothing (maxAliasCount only limits toJS).
    const docs = withoutErrorStacks(() => parseAllDocuments(text, { strict: false, uniqueKeys: false, prettyErrors: false }));
    for (const doc of docs) {
      const root = wrapYaml(text, new YamlSource(doc), doc.contents);
      if (root) roots.push(root);
    }
  } catch {
    // The parser reports problems as document errors; this only guards against exhausted stacks
    // on pathological nesting, where nothing useful could be read anyway.
  }
  return { roots, commentPrefixes: ['#'] };
}

/**
 * Runs `parse` with no stack traces captured: `yaml` reports each problem as an Error object, and
 * on text that is not YAML (a Dockerfile opened as compose) capturing thousands of stacks was most
 * of the time. Synchronous, so nothing else runs while the limit is 0.
 */
function withoutErrorStacks<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** One YAML node written alone, such as a one-line flow collection, read as parseYaml reads it in place. */
export function parseYamlNode(source: string): TreeNode | undefined {
  try {
    const doc = withoutErrorStacks(() => parseDocument(source, { strict: false, uniqueKeys: false, prettyErrors: false }));
    return wrapYaml(source, new YamlSource(doc), doc.contents);
  } catch {
    return undefined;
  }
}

/** Line comments in JSONC, for `// ecr-ignore`. */
export const JSON_COMMENT_PREFIXES: readonly string[] = ['//'];
/** JSON with comments and trailing commas, as editors read it. */
export const JSONC_OPTIONS: jsonc.ParseOptions = { allowTrailingComma: true, disallowComments: false };

export function parseJson(text: string): ParsedDocuments {
  const errors: jsonc.ParseError[] = [];
  let root: jsonc.Node | undefined;
  try {
    root = jsonc.parseTree(text, errors, JSONC_OPTIONS);
  } catch {
    root = undefined;
  }
  return { roots: root ? [new JsonNode(text, root)] : [], commentPrefixes: JSON_COMMENT_PREFIXES };
}

/** One parsed YAML document with its aliases' targets, found in a single walk on first need. */
class YamlSource {
  private targets: Map<Alias, YamlNode> | undefined;

  constructor(private readonly doc: Document) {}

  /** What `Alias.resolve` would answer (the last node anchored with that name before the alias), without a walk per alias. */
  target(alias: Alias): YamlNode | undefined {
    this.targets ??= aliasTargets(this.doc);
    return this.targets.get(alias);
  }
}

// Document order as `yaml`'s visit() goes (node, then pair key, then pair value), with an explicit
// stack so deep nesting cannot exhaust the call stack.
function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const targets = new Map<Alias, YamlNode>();
  const anchored = new Map<string, YamlNode>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      if (target) targets.set(node, target);
    } else if (isMap(node) || isSeq(node) || isScalar(node)) {
      if (node.anchor) anchored.set(node.anchor, node);
      if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}

function wrapYaml(text: string, source: YamlSource, node: unknown): TreeNode | undefined {
  if (isAlias(node)) return wrapAlias(text, source, node);
  if (isMap(node) || isSeq(node) || isScalar(node)) return new YamlTreeNode(text, source, node);
  return undefined;
}

// An alias to a scalar reads as that scalar at the alias' place; aliases to collections are not followed.
function wrapAlias(text: string, source: YamlSource, alias: Alias): TreeNode | undefined {
  if (!alias.range) return undefined;
  const target = source.target(alias);
  const [start, end] = alias.range;
  const value = isScalar(target) ? target.value : undefined;
  return new FixedScalar(start, end, { value, raw: text.slice(start, end), start, end }, value === undefined ? 'other' : 'scalar');
}

class FixedScalar implements TreeNode {
  constructor(
    readonly start: number,
    readonly end: number,
    private readonly value: ScalarValue,
    readonly kind: 'scalar' | 'other',
  ) {}
  get(): undefined {
    return undefined;
  }
  getMerged(): undefined {
    return undefined;
  }
  entries(): readonly TreeEntry[] {
    return [];
  }
  items(): readonly TreeNode[] {
    return [];
  }
  scalar(): ScalarValue | undefined {
    return this.kind === 'scalar' ? this.value : undefined;
  }
}

class YamlTreeNode implements TreeNode {
  readonly kind: 'map' | 'seq' | 'scalar';
  readonly tag?: string;
  readonly start: number;
  readonly end: number;

  constructor(
    private readonly text: string,
    private readonly source: YamlSource,
    private readonly node: YamlNode,
  ) {
    this.kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar';
    this.tag = node.tag;
    const range = node.range ?? [0, 0, 0];
    this.start = range[0];
    this.end = range[1];
  }

  get(key: string): TreeNode | undefined {
    if (!isMap(this.node)) return undefined;
    for (const pair of this.node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) return wrapYaml(this.text, this.source, pair.value);
    }
    return undefined;
  }

  getMerged(key: string): TreeNode | undefined {
    const own = this.get(key);
    if (own || !isMap(this.node)) return own;
    // Explicit keys win over merged ones, and earlier merged maps over later ones. Only one level:
    // a merged map's own merge keys are not followed, which keeps crafted chains linear.
    for (const pair of this.node.items) {
      if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const target = isAlias(source) ? this.source.target(source) : source;
        if (!isMap(target)) continue;
        const found = new YamlTreeNode(this.text, this.source, target).get(key);
        if (found) return found;
      }
    }
    return undefined;
  }

  entries(): readonly TreeEntry[] {
    if (!isMap(this.node)) return [];
    const result: TreeEntry[] = [];
    for (const pair of this.node.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      result.push({ key: String(pair.key.value), keyStart: pair.key.range[0], value: wrapYaml(this.text, this.source, pair.value) });
    }
    return result;
  }

  items(): readonly TreeNode[] {
    if (!isSeq(this.node)) return [];
    const result: TreeNode[] = [];
    for (const item of this.node.items) {
      const wrapped = wrapYaml(this.text, this.source, item);
      if (wrapped) result.push(wrapped);
    }
    return result;
  }

  scalar(): ScalarValue | undefined {
    if (!isScalar(this.node) || !this.node.range) return undefined;
    return yamlScalarValue(this.text, this.node);
  }
}

function yamlScalarValue(text: string, node: Scalar): ScalarValue {
  const range = node.range ?? [0, 0, 0];
  let start = range[0];
  let end = range[1];
  const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : undefined;
  if (quote !== undefined) {
    if (text[start] === quote) start++;
    if (end > start && text[end - 1] === quote) end--;
  }
  ({ start, end } = trimmed(text, start, end));
  return { value: node.value, raw: text.slice(start, end), start, end };
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  return { start, end };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

class JsonNode implements TreeNode {
  readonly kind: 'map' | 'seq' | 'scalar' | 'other';
  readonly start: number;
  readonly end: number;

  constructor(
    private readonly text: string,
    private readonly node: jsonc.Node,
  ) {
    const type = node.type;
    this.kind = type === 'object' ? 'map' : type === 'array' ? 'seq' : type === 'property' ? 'other' : 'scalar';
    this.start = node.offset;
    this.end = node.offset + node.length;
  }

  get(key: string): TreeNode | undefined {
    return this.entries().find((entry) => entry.key === key)?.value;
  }

  getMerged(key: string): TreeNode | undefined {
    return this.get(key);
  }

  entries(): readonly TreeEntry[] {
    if (this.node.type !== 'object') return [];
    const result: TreeEntry[] = [];
    for (const property of this.node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode?.type !== 'string') continue;
      result.push({ key: String(keyNode.value), keyStart: keyNode.offset, value: valueNode ? new JsonNode(this.text, valueNode) : undefined });
    }
    return result;
  }

  items(): readonly TreeNode[] {
    if (this.node.type !== 'array') return [];
    return (this.node.children ?? []).map((child) => new JsonNode(this.text, child));
  }

  scalar(): ScalarValue | undefined {
    return this.kind === 'scalar' ? jsonScalar(this.text, this.node.value as unknown, this.start, this.end) : undefined;
  }
}

/** A JSON literal (`start`..`end` as jsonc-parser gives it) as a scanner reads it: a string's text inside its quotes, without surrounding blanks. */
export function jsonScalar(text: string, value: unknown, start: number, end: number): ScalarValue {
  if (typeof value === 'string' && text[start] === '"') {
    start++;
    end = closingQuote(text, start, end);
  }
  ({ start, end } = trimmed(text, start, end));
  return { value, raw: text.slice(start, end), start, end };
}

// Where an unescaped `"` ends the string, or `end` when the string is unterminated.
function closingQuote(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return end;
}

/** Follows map keys; undefined as soon as one is missing. */
export function getPath(node: TreeNode | undefined, ...keys: string[]): TreeNode | undefined {
  let current = node;
  for (const key of keys) current = current?.get(key);
  return current;
}

/** The string value of a scalar, or undefined. */
export function stringAt(node: TreeNode | undefined): string | undefined {
  const value = node?.scalar()?.value;
  return typeof value === 'string' ? value : undefined;
}
