// Where and how to write an `ecr-ignore` comment above a reference. No vscode import (unit-tested).
import type { ScannerKind } from '../core/scanners';

/** The line comment marker of a document, or undefined when the format has none (plain JSON). */
export function commentPrefix(kind: ScannerKind, languageId: string | undefined, text: string): string | undefined {
  if (kind === 'dockerfile') return '#';
  const json = /^\s*[[{]/.test(text);
  if (!json) return '#';
  return languageId === 'jsonc' ? '//' : undefined;
}

/** The comment line to insert above `lineText`, with the same indentation. */
export function ignoreLine(lineText: string, prefix: string): string {
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  return `${indent}${prefix} ecr-ignore\n`;
}
