// `Properties.ContainerDefinitions[].Image` of `AWS::ECS::TaskDefinition` resources in CloudFormation
// templates (YAML or JSON). Intrinsic functions (`!Sub`, `!Join`, `Fn::Sub`, `Ref`, ...) are only
// known at deploy time: such images are reported unresolved, unless a `!Sub` has no variables.
import { LineIndex } from './lineIndex';
import { DocumentReader, readQuickly } from './readDocuments';
import { isImageScalar, makeReference, scalarReference } from './reference';
import { getPath, stringAt, TreeNode } from './tree';
import { ImageReference, Scanner } from './types';

export const cloudFormationScanner: Scanner = { kind: 'cloudFormation', scan: (text) => scanCloudFormation(text) };

const TASK_DEFINITION_TYPE = 'AWS::ECS::TaskDefinition';

export function scanCloudFormation(text: string, read: DocumentReader = readQuickly): ImageReference[] {
  const lines = new LineIndex(text);
  return read(text, ({ roots, commentPrefixes }) => {
    const references: ImageReference[] = [];
    for (const root of roots) {
      for (const resource of root.get('Resources')?.entries() ?? []) {
        if (stringAt(resource.value?.get('Type')) !== TASK_DEFINITION_TYPE) continue;
        for (const container of getPath(resource.value, 'Properties', 'ContainerDefinitions')?.items() ?? []) {
          const image = container.get('Image');
          const reference = image && imageReference(lines, image, commentPrefixes);
          if (reference) references.push(reference);
        }
      }
    }
    return references;
  });
}

function imageReference(lines: LineIndex, node: TreeNode, commentPrefixes: readonly string[]): ImageReference | undefined {
  const longForm = intrinsicFunctionName(node);
  if (longForm === 'Fn::Sub') return subReference(lines, node.get('Fn::Sub'), commentPrefixes) ?? wholeNode(lines, node, longForm, commentPrefixes);
  if (longForm) return wholeNode(lines, node, longForm, commentPrefixes);
  const tag = node.tag?.startsWith('!') ? node.tag.slice(1) : undefined;
  if (tag === 'Sub') return subReference(lines, node, commentPrefixes) ?? wholeNode(lines, node, '!Sub', commentPrefixes);
  if (tag) return wholeNode(lines, node, `!${tag}`, commentPrefixes);
  const image = node.scalar();
  return isImageScalar(image) ? scalarReference('cloudFormation', lines, image, commentPrefixes) : undefined;
}

/** `Ref` or `Fn::...` when the node is a one-key map in long form. */
function intrinsicFunctionName(node: TreeNode): string | undefined {
  const entries = node.entries();
  if (entries.length !== 1) return undefined;
  const key = entries[0].key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** A `Sub` whose template is a plain string: resolved when it has no `${...}` variables. */
function subReference(lines: LineIndex, template: TreeNode | undefined, commentPrefixes: readonly string[]): ImageReference | undefined {
  const scalar = template?.scalar();
  if (!isImageScalar(scalar)) return undefined;
  const value = String(scalar.value);
  const variables = subVariables(value);
  if (variables.length === 0) return scalarReference('cloudFormation', lines, scalar, commentPrefixes, { resolved: value.replace(/\$\{!/g, '${') });
  const names = variables.map((name) => `\${${name}}`).join(', ');
  return scalarReference('cloudFormation', lines, scalar, commentPrefixes, { unresolved: `uses Sub with ${names}, which CloudFormation fills in at deploy time` });
}

/**
 * The `${...}` names of a Sub template; `${!Literal}` writes a literal `${Literal}`. A scan with
 * indexOf, not a regex: a regex retries every unclosed `${` up to the end, quadratic on `${${${...`.
 */
function subVariables(template: string): string[] {
  const variables: string[] = [];
  let from = 0;
  for (;;) {
    const open = template.indexOf('${', from);
    if (open < 0) break;
    if (template[open + 2] === '!') {
      from = open + 1;
      continue;
    }
    const close = template.indexOf('}', open + 2);
    // No `}` after this one means none after any later `${` either.
    if (close < 0) break;
    variables.push(template.slice(open + 2, close));
    from = close + 1;
  }
  return variables;
}

function wholeNode(lines: LineIndex, node: TreeNode, functionName: string, commentPrefixes: readonly string[]): ImageReference | undefined {
  let end = node.end;
  while (end > node.start && /\s/.test(lines.text[end - 1])) end--;
  if (end <= node.start) return undefined;
  const line = lines.positionAt(node.start).line;
  return makeReference('cloudFormation', lines, node.start, end, {
    unresolved: `built with ${functionName}, which CloudFormation evaluates at deploy time`,
    ignored: lines.isIgnoredBy(line, commentPrefixes),
  });
}
