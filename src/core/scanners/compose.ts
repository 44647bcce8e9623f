// `services.*.image` of compose files; `${VAR:-default}` interpolation uses the default, since the
// environment the file will run in is unknown here.
import { LineIndex } from './lineIndex';
import { isImageScalar, scalarReference } from './reference';
import { substitute } from './substitute';
import { parseDocuments } from './tree';
import { ImageReference, Scanner } from './types';

export const composeScanner: Scanner = { kind: 'compose', scan: scanCompose };

export function scanCompose(text: string): ImageReference[] {
  const lines = new LineIndex(text);
  const { roots, commentPrefixes } = parseDocuments(text);
  const references: ImageReference[] = [];
  for (const root of roots) {
    for (const service of root.get('services')?.entries() ?? []) {
      const image = service.value?.get('image')?.scalar();
      if (!isImageScalar(image)) continue;
      const substituted = substitute(String(image.value), () => undefined, { escape: 'dollar' });
      references.push(scalarReference('compose', lines, image, commentPrefixes, { resolved: substituted.value, unresolved: substituted.unresolved }));
    }
  }
  return references;
}
