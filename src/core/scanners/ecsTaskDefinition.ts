// `containerDefinitions[].image` of ECS task definitions, bare, as describe-task-definition
// output (`{ "taskDefinition": { ... } }`), or the container definitions list alone (`[{...}]`,
// as Terraform renders `container_definitions`).
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
    const containers = root.kind === 'seq' ? root.items() : (definition.get('containerDefinitions')?.items() ?? []);
    for (const container of containers) {
      const image = container.get('image')?.scalar();
      if (isImageScalar(image)) references.push(scalarReference('ecsTaskDefinition', lines, image, commentPrefixes));
    }
  }
  return references;
}
