// Builds ImageReference values so that `text` is always exactly the document text under `range`.
import { LineIndex } from './lineIndex';
import { ImageReference, ScannerKind } from './types';
import { ScalarValue } from './tree';

export interface ReferenceDetails {
  readonly resolved?: string;
  readonly unresolved?: string;
  readonly ignored?: boolean;
}

export function makeReference(kind: ScannerKind, lines: LineIndex, start: number, end: number, details: ReferenceDetails = {}): ImageReference {
  const text = lines.text.slice(start, end);
  const reference: { -readonly [K in keyof ImageReference]: ImageReference[K] } = { text, range: lines.rangeOf(start, end), kind };
  if (details.unresolved !== undefined) reference.unresolved = details.unresolved;
  else if (details.resolved !== undefined && details.resolved !== text) reference.resolved = details.resolved;
  if (details.ignored) reference.ignored = true;
  return reference;
}

/** A reference for a scalar holding an image; its parsed value becomes `resolved` when escapes or folding changed it. */
export function scalarReference(kind: ScannerKind, lines: LineIndex, scalar: ScalarValue, commentPrefixes: readonly string[], details: ReferenceDetails = {}): ImageReference {
  const ignored = details.ignored || lines.isIgnoredBy(lines.positionAt(scalar.start).line, commentPrefixes);
  const resolved = details.resolved ?? (typeof scalar.value === 'string' ? scalar.value : scalar.raw);
  return makeReference(kind, lines, scalar.start, scalar.end, { unresolved: details.unresolved, resolved, ignored });
}

/** Whether a scalar can be an image at all (a non-empty string or a number-looking tag). */
export function isImageScalar(scalar: ScalarValue | undefined): scalar is ScalarValue {
  return scalar !== undefined && typeof scalar.value === 'string' && scalar.value.trim().length > 0 && scalar.end > scalar.start;
}
