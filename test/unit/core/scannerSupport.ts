// Helpers shared by the scanner tests: fixtures from the source tree and range checks that do not
// reuse the scanners' own offset arithmetic.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ImageReference, TextRange } from '../../../src/core/scanners';

function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export const fixturesDir = join(repositoryRoot(), 'test', 'fixtures', 'scanners');

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** [startLine, startCharacter, endLine, endCharacter] */
export function span(reference: ImageReference): [number, number, number, number] {
  const { start, end } = reference.range;
  return [start.line, start.character, end.line, end.character];
}

/** The document text under `range`, computed independently: lines split at \r\n, \r and \n. */
export function textIn(document: string, range: TextRange): string | undefined {
  const starts = lineStarts(document);
  const offset = (line: number, character: number): number | undefined => {
    if (line < 0 || line >= starts.length || character < 0) return undefined;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : document.length;
    const at = starts[line] + character;
    return at <= lineEnd ? at : undefined;
  };
  const start = offset(range.start.line, range.start.character);
  const end = offset(range.end.line, range.end.character);
  if (start === undefined || end === undefined || end < start) return undefined;
  return document.slice(start, end);
}

// The last document's line starts, so checking many references of one big document stays linear.
let cached: { document: string; starts: number[] } | undefined;

function lineStarts(document: string): number[] {
  if (cached?.document === document) return cached.starts;
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let match = breaks.exec(document); match; match = breaks.exec(document)) starts.push(match.index + match[0].length);
  cached = { document, starts };
  return starts;
}

/** Every reference's range lies inside the document and covers exactly its `text`. */
export function assertRangesMatch(document: string, references: readonly ImageReference[], context = ''): void {
  for (const reference of references) {
    assert.equal(textIn(document, reference.range), reference.text, `${context} range ${JSON.stringify(reference.range)} vs text ${JSON.stringify(reference.text)}`);
  }
}

/** A compact summary for deepEqual: span, text, and resolved/unresolved/ignored when present. */
export function summary(reference: ImageReference): unknown[] {
  const row: unknown[] = [span(reference), reference.text];
  if (reference.resolved !== undefined) row.push({ resolved: reference.resolved });
  if (reference.unresolved !== undefined) row.push({ unresolved: reference.unresolved });
  if (reference.ignored) row.push('ignored');
  return row;
}
