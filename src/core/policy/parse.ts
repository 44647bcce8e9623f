// Reads `.ecr-policy.yaml` into a Policy, with every problem at its line. Broken YAML or any error
// makes the whole policy unusable (ok: false): the gate never guesses what a broken rule meant.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { SEVERITIES, type Severity } from '../findings';
import { LineIndex } from '../scanners/lineIndex';
import type { TextRange } from '../scanners/types';
import { keysOf, type KeyContext } from './schema';
import { RULE_KINDS, type ParsedPolicy, type PolicyProblem, type PolicyRule, type RuleKind, type Suppression } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT = /^\d{12}$/;

class Reader {
  readonly problems: PolicyProblem[] = [];
  private readonly lines: LineIndex;

  constructor(text: string) {
    this.lines = new LineIndex(text);
  }

  rangeOf(node: { range?: [number, number, number?] | null } | null | undefined): TextRange {
    const [start, end] = node?.range ?? [0, 0];
    return this.lines.rangeOf(start, Math.max(start, end));
  }

  error(node: Parameters<Reader['rangeOf']>[0], message: string): undefined {
    this.problems.push({ range: this.rangeOf(node), severity: 'error', message });
    return undefined;
  }

  /** The pairs of a map, after reporting keys the schema does not know. */
  pairs(map: YAMLMap, context: KeyContext): Pair<Node, Node>[] {
    const known = keysOf(context).map((k) => k.name);
    const out: Pair<Node, Node>[] = [];
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !known.includes(key)) {
        this.error(pair.key, `Unknown key ${JSON.stringify(key ?? '?')} here; expected one of: ${known.join(', ')}.`);
      } else out.push(pair);
    }
    return out;
  }

  string(node: Node | null, what: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    return this.error(node, `${what} must be a non-empty text.`);
  }

  strings(node: Node | null, what: string, check?: (value: string) => string | undefined): string[] | undefined {
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (!isSeq(node)) return this.error(node, `${what} must be a list of texts.`);
    const out: string[] = [];
    for (const item of node.items as Node[]) {
      const value = this.string(item, `Each entry of ${what}`);
      const problem = value === undefined ? undefined : check?.(value);
      if (problem) this.error(item, problem);
      else if (value !== undefined) out.push(value);
    }
    return out;
  }

  days(node: Node | null, what: string): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= 0) return node.value;
    return this.error(node, `${what} must be a number of days (0 or more).`);
  }

  isTrue(node: Node | null, key: string): boolean {
    if (isScalar(node) && node.value === true) return true;
    this.error(node, `${key} must be true (leave the rule out to turn it off).`);
    return false;
  }
}

export function parsePolicy(text: string): ParsedPolicy {
  const reader = new Reader(text);
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      reader.problems.push({ range: reader.rangeOf({ range: [error.pos[0], error.pos[1]] }), severity: 'error', message: `The policy is not valid YAML: ${error.message.split('\n')[0]}` });
    }
    return { ok: false, problems: reader.problems };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { ok: true, policy: { rules: [], suppressions: [] }, problems: [] };
  if (!isMap(root)) {
    reader.error(root, 'The policy must be a map with `rules` and `suppressions`.');
    return { ok: false, problems: reader.problems };
  }
  const rules: PolicyRule[] = [];
  const suppressions: Suppression[] = [];
  for (const pair of reader.pairs(root, 'top')) {
    const key = String((pair.key as { value: unknown }).value);
    if (key === 'version') {
      if (!(isScalar(pair.value) && pair.value.value === 1)) reader.error(pair.value, 'version must be 1.');
    } else if (key === 'rules') {
      if (!isSeq(pair.value)) reader.error(pair.value ?? pair.key, 'rules must be a list.');
      else for (const item of pair.value.items as Node[]) rules.push(...ruleOf(reader, item));
    } else if (key === 'suppressions') {
      if (!isSeq(pair.value)) reader.error(pair.value ?? pair.key, 'suppressions must be a list.');
      else for (const item of pair.value.items as Node[]) suppressions.push(...suppressionOf(reader, item));
    }
  }
  const hasErrors = reader.problems.some((p) => p.severity === 'error');
  return hasErrors ? { ok: false, problems: reader.problems } : { ok: true, policy: { rules, suppressions }, problems: reader.problems };
}

function ruleOf(reader: Reader, node: Node): PolicyRule[] {
  if (!isMap(node)) return reader.error(node, `Each rule must be a map with one of: ${RULE_KINDS.join(', ')}.`) ?? [];
  const pairs = reader.pairs(node, 'rule');
  const byKey = new Map(pairs.map((p) => [String((p.key as { value: unknown }).value), p]));
  const kinds = RULE_KINDS.filter((k) => byKey.has(k));
  if (kinds.length !== 1) {
    const message = kinds.length === 0 ? `A rule needs one of: ${RULE_KINDS.join(', ')}.` : `A rule has exactly one rule key; this one has ${kinds.join(', ')} (write one rule each).`;
    return reader.error(node, message) ?? [];
  }
  const kind: RuleKind = kinds[0];
  const keyPair = byKey.get(kind) as Pair<Node, Node>;
  const filesPair = byKey.get('files');
  const files = filesPair ? reader.strings(filesPair.value, 'files') : ['**'];
  const fixPair = byKey.get('fixAvailableOnly');
  if (fixPair && kind !== 'maxSeverity') reader.error(fixPair.key, 'fixAvailableOnly goes with maxSeverity only.');
  if (fixPair && !(isScalar(fixPair.value) && typeof fixPair.value.value === 'boolean')) reader.error(fixPair.value, 'fixAvailableOnly must be true or false.');
  const base = { files: files ?? [], range: reader.rangeOf(keyPair.key) };
  const value = keyPair.value;
  switch (kind) {
    case 'pinnedByDigest':
    case 'immutableTags':
    case 'signed':
      return reader.isTrue(value, kind) ? [{ kind, ...base }] : [];
    case 'maxSeverity': {
      const severity = isScalar(value) && typeof value.value === 'string' ? SEVERITIES.find((s) => s === String(value.value).toUpperCase()) : undefined;
      if (!severity) return reader.error(value, `maxSeverity must be one of: ${SEVERITIES.join(', ')}.`) ?? [];
      const fixAvailableOnly = fixPair !== undefined && isScalar(fixPair.value) && fixPair.value.value === true;
      return [{ kind, severity: severity as Severity, fixAvailableOnly, ...base }];
    }
    case 'maxImageAgeDays': {
      const days = reader.days(value, kind);
      return days === undefined ? [] : [{ kind, days, ...base }];
    }
    case 'scan': {
      if (isScalar(value) && value.value === null) return [{ kind, ...base }];
      if (!isMap(value)) return reader.error(value, 'scan must be a map, e.g. `scan: { maxAgeDays: 7 }`.') ?? [];
      const agePair = reader.pairs(value, 'scan')[0];
      const maxAgeDays = agePair ? reader.days(agePair.value, 'maxAgeDays') : undefined;
      return [{ kind, ...(maxAgeDays !== undefined && { maxAgeDays }), ...base }];
    }
    case 'allowed': {
      if (!isMap(value)) return reader.error(value, 'allowed must be a map of registries, accounts and/or repositories.') ?? [];
      const lists: { registries?: string[]; accounts?: string[]; repositories?: string[] } = {};
      for (const pair of reader.pairs(value, 'allowed')) {
        const name = String((pair.key as { value: unknown }).value) as keyof typeof lists;
        const check = name === 'accounts' ? (v: string) => (ACCOUNT.test(v) ? undefined : `"${v}" is not an AWS account id (12 digits).`) : undefined;
        lists[name] = reader.strings(pair.value, `allowed.${name}`, check);
      }
      if (Object.keys(lists).length === 0) return reader.error(keyPair.key, 'allowed needs registries, accounts or repositories.') ?? [];
      return [{ kind, ...lists, ...base }];
    }
  }
}

function suppressionOf(reader: Reader, node: Node): Suppression[] {
  if (!isMap(node)) return reader.error(node, 'Each suppression must be a map with cve, reason and expires.') ?? [];
  const values = new Map(reader.pairs(node, 'suppression').map((p) => [String((p.key as { value: unknown }).value), p.value]));
  const missing = ['cve', 'reason', 'expires'].filter((k) => !values.has(k));
  if (missing.length > 0) return reader.error(node, `A suppression needs ${missing.join(', ')}.`) ?? [];
  const cve = reader.string(values.get('cve') ?? null, 'cve');
  const reason = reader.string(values.get('reason') ?? null, 'reason');
  const expiresNode = values.get('expires') ?? null;
  // YAML 1.2 keeps 2027-01-31 a string; a timestamp-typed value would be a Date.
  const expiresValue = isScalar(expiresNode) ? expiresNode.value : undefined;
  const expires = typeof expiresValue === 'string' && DATE.test(expiresValue) && !Number.isNaN(Date.parse(expiresValue)) ? expiresValue : undefined;
  if (!expires) reader.error(expiresNode, 'expires must be a date written YYYY-MM-DD.');
  const repository = values.has('repository') ? reader.string(values.get('repository') ?? null, 'repository') : undefined;
  const image = values.has('image') ? reader.string(values.get('image') ?? null, 'image') : undefined;
  if (!cve || !reason || !expires) return [];
  return [{ cve, reason, expires, ...(repository && { repository }), ...(image && { image }), range: reader.rangeOf(expiresNode) }];
}
