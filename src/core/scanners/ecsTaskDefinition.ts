// `containerDefinitions[].image` of ECS task definitions, bare, as describe-task-definition
// output (`{ "taskDefinition": { ... } }`), or the container definitions list alone (`[{...}]`,
// as Terraform renders `container_definitions`).
import { JsonPaths, valuesAlong } from './jsonPaths';
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { isImageScalar, scalarReference } from './reference';
import { JSON_COMMENT_PREFIXES, looksLikeJson, ScalarValue, TreeNode } from './tree';
import { ImageReference, Scanner } from './types';

export const ecsTaskDefinitionScanner: Scanner = { kind: 'ecsTaskDefinition', scan: (text) => scanEcsTaskDefinition(text) };

export function scanEcsTaskDefinition(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  const references = (images: readonly (ScalarValue | undefined)[], commentPrefixes: readonly string[]): ImageReference[] =>
    images.filter(isImageScalar).map((image) => scalarReference('ecsTaskDefinition', lines, image, commentPrefixes));
  // JSON in one pass over the text; YAML, and JSON that pass gives up on (errors, deep nesting), through the tree.
  const inJson = looksLikeJson(text) ? containerImagesInJson(text) : undefined;
  if (inJson) return references(inJson, JSON_COMMENT_PREFIXES);
  return read(text, ({ roots, commentPrefixes }) => references(containerImages(roots), commentPrefixes));
}

/** The `image` of each container definition (undefined where it is not a scalar), read from the tree. */
export function containerImages(roots: readonly TreeNode[]): (ScalarValue | undefined)[] {
  const images: (ScalarValue | undefined)[] = [];
  for (const root of roots) {
    const definition = root.get('taskDefinition') ?? root;
    const containers = root.kind === 'seq' ? root.items() : (definition.get('containerDefinitions')?.items() ?? []);
    for (const container of containers) images.push(container.get('image')?.scalar());
  }
  return images;
}

// What containerImages reads, as paths: a root array's items are the containers; `image` under
// `taskDefinition` when the document has one, else under the root.
const IMAGE: JsonPaths = { keys: { image: { found: 'image' } } };
const IN_TASK_DEFINITION: JsonPaths = { keys: { image: { found: 'taskDefinitionImage' } } };
const PATHS: JsonPaths = {
  keys: {
    taskDefinition: { found: 'taskDefinition', keys: { containerDefinitions: { items: IN_TASK_DEFINITION } } },
    containerDefinitions: { items: IMAGE },
  },
  items: IMAGE,
};

/** containerImages(parseJson(text).roots) in one pass over the text; undefined where that pass gives up. */
export function containerImagesInJson(text: string): (ScalarValue | undefined)[] | undefined {
  const found = valuesAlong(text, PATHS);
  if (!found) return undefined;
  return (found.has('taskDefinition') ? found.get('taskDefinitionImage') : found.get('image')) ?? [];
}
