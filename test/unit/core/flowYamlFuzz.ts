// Flow-heavy YAML documents for the quick reader's differential test: nested `{}`/`[]` on one line
// and over several, anchors, aliases, tags, quotes, comments, trailing commas, and broken variants.
import { prng } from './scannerFuzz';

const SCALARS = ['x', 'r/x:1', 'a b', '1', '0x1F', '~', 'null', 'true', '1.5', '"q"', "'it''s'", '"e\\x41"', '" s "', 'http://h/p', '-1', '-a', 'a-b', 'x:1', '*a', '*b', '*zz', '&a x', '&b "y"', '!Sub z:2', '!Ref', 'a#b', 'a #c', '', "don't", '.5', '+1', '?x', ':x'];
const KEYS = ['image', 'name', 'env', 'a', '"k"', "'k'", '<<', 'x y', '1', '*a', '&a k', '? k', 'null', '"image"', 'k:1'];
const BREAKS = [' ', '\n      ', '\n  ', '\n', '\n       ', '\n         ', ' # c\n         ', '\n\n        ', '\n        # c\n         '];

function flowNode(random: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const brk = (): string => (random() < 0.25 ? pick(BREAKS) : ' ');
  const choice = random();
  // The first entries are the usual ones; the rest, rarer, mostly make the reader give up.
  const usual = <T>(list: readonly T[]): T => (random() < 0.7 ? list[Math.floor(random() * 8)] : pick(list));
  if (depth > 3 || choice < 0.45) return usual(SCALARS);
  const prefix = random() < 0.15 ? pick(['&a ', '&b ', '!T ', '&e ']) : '';
  const count = Math.floor(random() * 4);
  const parts: string[] = [];
  const isMap = choice < 0.75;
  for (let i = 0; i < count; i++) parts.push(isMap && random() < 0.95 ? `${usual(KEYS)}:${brk()}${flowNode(random, depth + 1)}` : flowNode(random, depth + 1));
  const trailing = (random() < 0.1 ? ',' : '') + (random() < 0.1 ? brk() : '');
  const body = parts.join(`,${brk()}`) + trailing;
  return isMap ? `${prefix}{${body}}` : `${prefix}[${body}]`;
}

/** `count` documents of block collections whose values are flow collections. */
export function* flowDocuments(seed: number, count: number): Generator<{ text: string; round: number }> {
  const random = prng(seed);
  for (let round = 0; round < count; round++) {
    const lines = ['base: &a r/base:1', 'spec:', '  containers:'];
    for (let i = Math.floor(random() * 6); i >= 0; i--) {
      const node = flowNode(random, 0);
      lines.push(random() < 0.5 ? `    - ${node}` : `    - image: ${node}${random() < 0.2 ? ' # note' : ''}`);
    }
    let text = lines.join('\n');
    // A few character edits: unclosed brackets, stray indicators, odd indentation.
    for (let edits = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0; edits > 0; edits--) {
      const at = Math.floor(random() * text.length);
      text = text.slice(0, at) + ['', '{', ']', ',', ':', ' ', '\n', '#', '"', '*a'][Math.floor(random() * 10)] + text.slice(at + 1);
    }
    yield { text, round };
  }
}
