// `services.*.image` of compose files; `${VAR:-default}` interpolation uses the default, since the
// environment the file will run in is unknown here.
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { isImageScalar, scalarReference } from './reference';
import { substitute } from './substitute';
import { ImageReference, Scanner } from './types';

export const composeScanner: Scanner = { kind: 'compose', scan: (text) => scanCompose(text) };

export function scanCompose(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  return read(text, ({ roots, commentPrefixes }) => {
    const references: ImageReference[] = [];
    // Services sharing `<<: *defaults` share one image scalar: report it once.
    const seen = new Set<number>();
    for (const root of roots) {
      for (const service of root.get('services')?.entries() ?? []) {
        const image = service.value?.getMerged('image')?.scalar();
        if (!isImageScalar(image) || seen.has(image.start)) continue;
        seen.add(image.start);
        const substituted = substitute(String(image.value), () => undefined, { escape: 'dollar' });
        references.push(scalarReference('compose', lines, image, commentPrefixes, { resolved: substituted.value, unresolved: substituted.unresolved }));
      }
    }
    return references;
  });
}
