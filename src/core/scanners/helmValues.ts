// Images in Helm values files: the split form `image: { registry, repository, tag, digest }`
// (reported on the repository value, resolved to the composed URI) and plain `image: repo:tag`.
// The split form is also read under keys ending in "image" (`thanosImage:`) and one level down
// inside an image map (`image: { busybox: { repository, tag } }`).
import { formatImageUri } from '../imageRef';
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { isImageScalar, scalarReference } from './reference';
import { ScalarValue, TreeNode } from './tree';
import { ImageReference, Scanner } from './types';

export const helmValuesScanner: Scanner = { kind: 'helmValues', scan: (text) => scanHelmValues(text) };

// Values files nest a few levels (subcharts); the limit only stops crafted input.
const MAX_DEPTH = 64;
/** `thanosImage`, `initImage`, `sidecar_image`: keys naming an image by their suffix. */
const IMAGE_SUFFIX = /.[-_]?image$/i;

export function scanHelmValues(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  return read(text, ({ roots, commentPrefixes }) => {
    const references: ImageReference[] = [];
    const visit = (node: TreeNode, depth: number, insideImage: boolean): void => {
      if (depth > MAX_DEPTH) return;
      if (node.kind === 'seq') for (const item of node.items()) visit(item, depth + 1, false);
      for (const entry of node.entries()) {
        const value = entry.value;
        if (!value) continue;
        const imageKey = entry.key === 'image' || IMAGE_SUFFIX.test(entry.key) || insideImage;
        if (imageKey) {
          const keyLine = lines.positionAt(entry.keyStart).line;
          // Only `image` itself may hold a plain string: `baseImage: true` or `imageTag: 1` are settings.
          const reference = entry.key === 'image' ? imageReference(lines, value, keyLine, commentPrefixes) : splitImageReference(lines, value, keyLine, commentPrefixes);
          if (reference) {
            references.push(reference);
            continue;
          }
        }
        visit(value, depth + 1, entry.key === 'image' && value.kind === 'map');
      }
    };
    for (const root of roots) visit(root, 0, false);
    return references;
  });
}

function imageReference(lines: LineIndex, image: TreeNode, keyLine: number, commentPrefixes: readonly string[]): ImageReference | undefined {
  const ignored = lines.isIgnoredBy(keyLine, commentPrefixes);
  const plain = image.scalar();
  if (isImageScalar(plain)) return scalarReference('helmValues', lines, plain, commentPrefixes, { ignored });
  return splitImageReference(lines, image, keyLine, commentPrefixes);
}

/** `{ registry, repository, tag, digest }`, reported on the repository value. */
function splitImageReference(lines: LineIndex, image: TreeNode, keyLine: number, commentPrefixes: readonly string[]): ImageReference | undefined {
  const ignored = lines.isIgnoredBy(keyLine, commentPrefixes);
  const repository = image.get('repository')?.scalar();
  if (!isImageScalar(repository)) return undefined;
  const registry = text(image.get('registry')?.scalar());
  const tag = text(image.get('tag')?.scalar());
  const digest = text(image.get('digest')?.scalar());
  const resolved = formatImageUri(registry, String(repository.value), { tag, digest });
  const unresolved = !tag && !digest ? 'has no tag here; the chart usually falls back to its appVersion' : undefined;
  return scalarReference('helmValues', lines, repository, commentPrefixes, { resolved, unresolved, ignored });
}

// Tags like `1.20` parse as numbers; the source text is what Helm templates print.
function text(scalar: ScalarValue | undefined): string | undefined {
  if (!scalar || scalar.value === null || scalar.value === undefined) return undefined;
  const value = typeof scalar.value === 'string' ? scalar.value : scalar.raw;
  return value.trim() === '' ? undefined : value;
}
