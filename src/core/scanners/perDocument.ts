// Multi-document YAML (a rendered Helm chart holds hundreds of manifests) is scanned one document
// at a time, and each document's references are remembered by its text: after an edit only the
// documents that changed are parsed again.
import { LineIndex } from './lineIndex';
import { ImageReference } from './types';

type Scan = (text: string) => ImageReference[];

/** A `---` line alone: it always starts a new document, even after a block scalar. */
const DOCUMENT_START = /^---[ \t]*\r?$/gm;
/** Directives and `...` change how the following document reads: such streams are scanned whole. */
const STREAM_MARKERS = /^(%|\.\.\.)/m;
/** Characters of document text kept in the cache of one scanner; about two large files. */
const CACHE_CHARACTERS = 8_000_000;

export function scanPerDocument(scan: Scan): Scan {
  const cache = new Map<string, ImageReference[]>();
  let cachedCharacters = 0;
  const remember = (piece: string, references: ImageReference[]): void => {
    cache.set(piece, references);
    cachedCharacters += piece.length;
    for (const [oldest] of cache) {
      if (cachedCharacters <= CACHE_CHARACTERS) break;
      cache.delete(oldest);
      cachedCharacters -= oldest.length;
    }
  };
  return (text) => {
    const starts = documentStarts(text);
    if (starts.length <= 1 || STREAM_MARKERS.test(text)) return scan(text);
    const lines = new LineIndex(text);
    const references: ImageReference[] = [];
    for (let i = 0; i < starts.length; i++) {
      const piece = text.slice(starts[i], starts[i + 1] ?? text.length);
      let found = cache.get(piece);
      if (found) {
        // Most recently used last, so eviction drops the documents not seen for longest.
        cache.delete(piece);
        cache.set(piece, found);
      } else {
        found = scan(piece);
        remember(piece, found);
      }
      const lineShift = lines.positionAt(starts[i]).line;
      for (const reference of found) references.push(shifted(reference, lineShift));
    }
    return references;
  };
}

function documentStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts;
}

// Pieces start at a line start, so only lines move.
function shifted(reference: ImageReference, lineShift: number): ImageReference {
  if (lineShift === 0) return reference;
  const { start, end } = reference.range;
  return { ...reference, range: { start: { line: start.line + lineShift, character: start.character }, end: { line: end.line + lineShift, character: end.character } } };
}
