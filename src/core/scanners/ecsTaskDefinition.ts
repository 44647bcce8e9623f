// `containerDefinitions[].image` of ECS task definitions, bare, as describe-task-definition
// output (`{ "taskDefinition": { ... } }`), or the container definitions list alone (`[{...}]`,
// as Terraform renders `container_definitions`).
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { isImageScalar, scalarReference } from './reference';
import { ImageReference, Scanner } from './types';

export const ecsTaskDefinitionScanner: Scanner = { kind: 'ecsTaskDefinition', scan: (text) => scanEcsTaskDefinition(text) };

export function scanEcsTaskDefinition(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  return read(text, ({ roots, commentPrefixes }) => {
    const references: ImageReference[] = [];
    for (const root of roots) {
      const definition = root.get('taskDefinition') ?? root;
      const containers = root.kind === 'seq' ? root.items() : (definition.get('containerDefinitions')?.items() ?? []);
      for (const container of containers) {
        const image = container.get('image')?.scalar();
        if (isImageScalar(image)) references.push(scalarReference('ecsTaskDefinition', lines, image, commentPrefixes));
      }
    }
    return references;
  });
}
