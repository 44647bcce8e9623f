// .dockerignore rules with Docker's semantics (moby/patternmatcher and its ignorefile reader), matched
// in time linear in the path: Docker compiles patterns to Go's RE2 regexps, which never backtrack,
// while a JavaScript RegExp of the same shape ("a*a*a*…b", "**/**/**/…") takes exponential time.
// Each pattern becomes a token list run as a set of states (Thompson simulation).
import { posix } from 'node:path';

type Token =
  | { readonly kind: 'char'; readonly char: string }
  // "?": one character but a slash.
  | { readonly kind: 'one' }
  // A single star: any run without a slash.
  | { readonly kind: 'star' }
  // Two stars followed by more: RE2 "(.*/)?", any run of whole path components (or none).
  | { readonly kind: 'components' }
  // Two stars at the end: RE2 ".*".
  | { readonly kind: 'rest' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [string, string])[] };

export interface IgnorePattern {
  /** The cleaned pattern as Docker keeps it (without "!"). */
  readonly text: string;
  /** A "!" line: re-includes what earlier lines excluded. */
  readonly exception: boolean;
  /** Docker matches "**" followed by a plain suffix with a string suffix test (quirk kept on purpose). */
  readonly suffix?: string;
  readonly tokens: readonly Token[];
}

export class DockerignoreSyntaxError extends Error {}

/** Reads an ignore file the way the Docker CLI does: "#" comments, trimmed lines, paths cleaned. */
export function parseDockerignore(text: string, fileName = '.dockerignore'): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    if (raw.startsWith('#')) return;
    let line = raw.trim();
    if (!line) return;
    const exception = line.startsWith('!');
    if (exception) line = line.slice(1).trim();
    if (line) {
      line = clean(line);
      if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
    }
    const where = `${fileName} line ${index + 1}`;
    if (exception && !line) throw new DockerignoreSyntaxError(`${where}: illegal exclusion pattern "!"`);
    patterns.push(compilePattern(line, exception, where));
  });
  return patterns;
}

/** Whether Docker leaves `path` (relative, "/"-separated) out: the last pattern matching it or a parent wins. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    // As Docker: an exception only matters once something matched, an exclusion only before.
    if (pattern.exception !== ignored) continue;
    if (matchesPathOrParent(pattern, path)) ignored = !pattern.exception;
  }
  return ignored;
}

/**
 * Whether the pattern matches the path or one of its parent folders. One pass: the states after
 * reading a parent's path are the ones reached on the way to the whole path.
 */
export function matchesPathOrParent(pattern: IgnorePattern, path: string): boolean {
  const { suffix, tokens } = pattern;
  if (suffix !== undefined) {
    const matches = (p: string): boolean => p.endsWith(suffix) || (suffix.startsWith('/') && p === suffix.slice(1));
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) if (matches(path.slice(0, i))) return true;
    return matches(path);
  }
  const accept = tokens.length;
  let states: Uint8Array = new Uint8Array(accept + 1);
  states[0] = 1;
  closure(tokens, states);
  for (const char of path) {
    if (char === '/' && states[accept]) return true; // A parent folder matches.
    const next = new Uint8Array(accept + 1);
    let alive = false;
    for (let state = 0; state < accept; state++) {
      if (!states[state]) continue;
      const to = step(tokens[state], char);
      if (to & STAY) next[state] = 1;
      if (to & ADVANCE) next[state + 1] = 1;
      alive ||= to !== 0;
    }
    if (!alive) return false;
    states = closure(tokens, next);
  }
  return states[accept] === 1;
}

const STAY = 1;
const ADVANCE = 2;

/** Where one token takes a state on reading a character: STAY, ADVANCE, both or neither. */
function step(token: Token, char: string): number {
  switch (token.kind) {
    case 'char':
      return char === token.char ? ADVANCE : 0;
    case 'one':
      return char !== '/' ? ADVANCE : 0;
    case 'class':
      return inClass(token, char) ? ADVANCE : 0;
    case 'star':
      return char !== '/' ? STAY : 0;
    case 'components':
      // Go's "." stops at a newline; the run ends with a slash.
      return (char !== '\n' ? STAY : 0) | (char === '/' ? ADVANCE : 0);
    case 'rest':
      return char !== '\n' ? STAY : 0;
  }
}

/** Adds the states reachable without reading: every star-like token may match nothing. */
function closure(tokens: readonly Token[], states: Uint8Array): Uint8Array {
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i].kind;
    if (states[i] && (kind === 'star' || kind === 'components' || kind === 'rest')) states[i + 1] = 1;
  }
  return states;
}

function inClass(token: Extract<Token, { kind: 'class' }>, char: string): boolean {
  const hit = token.ranges.some(([lo, hi]) => lo <= char && char <= hi);
  return hit !== token.negated;
}

/** Go's path.Clean. */
function clean(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** Follows patternmatcher's compile(): the same characters mean the same things, also its match kinds. */
function compilePattern(text: string, exception: boolean, where: string): IgnorePattern {
  const chars = [...text];
  const tokens: Token[] = [];
  let plainSuffix = false; // Starts with "**" and nothing but literal text followed.
  const bad = (why: string): DockerignoreSyntaxError => new DockerignoreSyntaxError(`${where}: syntax error in pattern "${text}" (${why})`);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char === '*' && chars[i + 1] === '*') {
      i++;
      if (chars[i + 1] === '/') i++;
      const atEnd = i + 1 >= chars.length;
      tokens.push({ kind: atEnd ? 'rest' : 'components' });
      plainSuffix = tokens.length === 1;
    } else if (char === '*') {
      tokens.push({ kind: 'star' });
      plainSuffix = false;
    } else if (char === '?') {
      tokens.push({ kind: 'one' });
      plainSuffix = false;
    } else if (char === '\\') {
      if (i + 1 >= chars.length) throw bad('a trailing "\\"');
      tokens.push({ kind: 'char', char: chars[++i] });
      plainSuffix = false;
    } else if (char === '[') {
      i = readClass(chars, i, tokens, bad);
      plainSuffix = false;
    } else if (char === ']') {
      tokens.push({ kind: 'char', char });
      plainSuffix = false;
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  const suffix = plainSuffix ? text.slice(2) : undefined;
  return { text, exception, tokens, suffix };
}

/** Reads "[...]" from chars[start] as Go's filepath.Match accepts it; returns the index of "]". */
function readClass(chars: readonly string[], start: number, tokens: Token[], bad: (why: string) => Error): number {
  let i = start + 1;
  const negated = chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  const escaped = (): string => {
    let char = chars[i];
    if (char === undefined || char === '-' || char === ']') throw bad('a malformed "[...]" range');
    if (char === '\\') char = chars[++i];
    if (char === undefined || chars[i + 1] === undefined) throw bad('an unclosed "["');
    i++;
    return char;
  };
  do {
    const lo = escaped();
    let hi = lo;
    if (chars[i] === '-') {
      i++;
      hi = escaped();
    }
    ranges.push([lo, hi]);
  } while (chars[i] !== ']');
  tokens.push({ kind: 'class', negated, ranges });
  return i;
}
