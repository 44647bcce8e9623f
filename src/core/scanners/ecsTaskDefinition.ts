// `containerDefinitions[].image` of ECS task definitions, bare or as describe-task-definition
// output (`{ "taskDefinition": { ... } }`).
import { LineIndex } from './lineIndex';
import { isImageScalar, scalarReference } from './reference';
import { parseDocuments } from './tree';
import { ImageReference, Scanner } from './types';

export const ecsTaskDefinitionScanner: Scanner = { kind: 'ecsTaskDefinition', scan: scanEcsTaskDefinition };

export function scanEcsTaskDefinition(text: string): ImageReference[] {
  const lines = new LineIndex(text);
  const { roots, commentPrefixes } = parseDocuments(text);
  const references: ImageReference[] = [];
  for (const root of roots) {
    const definition = root.get('taskDefinition') ?? root;
    for (const container of definition.get('containerDefinitions')?.items() ?? []) {
      const image = container.get('image')?.scalar();
      if (isImageScalar(image)) references.push(scalarReference('ecsTaskDefinition', lines, image, commentPrefixes));
    }
  }
  return references;
}
