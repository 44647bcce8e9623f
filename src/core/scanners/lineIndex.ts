// Offsets to VS Code positions. Line breaks are "\n", "\r\n" and a lone "\r", as in VS Code.
import { TextPosition, TextRange } from './types';

export class LineIndex {
  private readonly starts: number[] = [0];
  private lastIgnored?: { readonly line: number; readonly commentPrefixes: readonly string[]; readonly ignored: boolean };

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  rangeOf(start: number, end: number): TextRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The text of a line without its line break ("" outside the document). */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Whether the line before `line` is a comment `<prefix> ecr-ignore`. */
  isIgnoredBy(line: number, commentPrefixes: readonly string[]): boolean {
    // The last answer is kept: references come in document order, often many on one line, and
    // trimming a long blank line before it once per reference was quadratic.
    const last = this.lastIgnored;
    if (last?.line === line && last.commentPrefixes === commentPrefixes) return last.ignored;
    const previous = this.lineText(line - 1).trim();
    const ignored = commentPrefixes.some((prefix) => previous.startsWith(prefix) && /^ecr-ignore\b/.test(previous.slice(prefix.length).trimStart()));
    this.lastIgnored = { line, commentPrefixes, ignored };
    return ignored;
  }
}
