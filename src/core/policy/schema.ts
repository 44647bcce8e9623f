// The policy file's JSON schema (media/schemas, also contributed for the YAML extension) is the one
// list of keys: validation and key completions read their names and descriptions from it.
import schemaJson from '../../../media/schemas/ecr-policy.schema.json';

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: { readonly $ref?: string };
  readonly $ref?: string;
}

const schema = schemaJson as unknown as SchemaNode & { readonly definitions: Readonly<Record<string, SchemaNode>> };

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref ?? node?.items?.$ref;
  return ref ? schema.definitions[ref.replace('#/definitions/', '')] : node;
}

/** Where a key sits: the top level, a rule, a suppression, or an object option of a rule. */
export type KeyContext = 'top' | 'rule' | 'suppression' | 'scan' | 'allowed';

function nodeOf(context: KeyContext): SchemaNode | undefined {
  switch (context) {
    case 'top':
      return schema;
    case 'rule':
      return schema.definitions.rule;
    case 'suppression':
      return schema.definitions.suppression;
    default:
      return resolve(schema.definitions.rule.properties?.[context]);
  }
}

export interface SchemaKey {
  readonly name: string;
  readonly description: string;
}

export function keysOf(context: KeyContext): SchemaKey[] {
  const properties = nodeOf(context)?.properties ?? {};
  return Object.entries(properties).map(([name, node]) => ({ name, description: node.description ?? '' }));
}
