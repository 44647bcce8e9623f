// The CLI's two outputs: lines a person reads in a CI log, and SARIF 2.1.0 for code-scanning UIs.
import { RULE_KINDS, type RuleKind } from '../core/policy';
import { keysOf } from '../core/policy/schema';

export interface ReportedViolation {
  /** Workspace-relative, "/"-separated. */
  readonly file: string;
  readonly rule: RuleKind;
  readonly message: string;
  /** 0-based, as in the editor. */
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

export function textReport(violations: readonly ReportedViolation[], filesChecked: number): string {
  const lines = violations.map((v) => `${v.file}:${v.range.start.line + 1}:${v.range.start.character + 1}: error ${v.rule}: ${v.message}`);
  const summary = violations.length === 0
    ? `No policy violations in ${filesChecked} file${filesChecked === 1 ? '' : 's'}.`
    : `${violations.length} policy violation${violations.length === 1 ? '' : 's'} in ${new Set(violations.map((v) => v.file)).size} of ${filesChecked} files.`;
  return [...lines, summary].join('\n') + '\n';
}

export function sarifReport(violations: readonly ReportedViolation[], version: string): object {
  const descriptions = new Map(keysOf('rule').map((k) => [k.name, k.description]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecr-explorer-gate',
            version,
            informationUri: 'https://marketplace.visualstudio.com/items?itemName=ecr-tools.ecr-explorer',
            rules: RULE_KINDS.map((id) => ({ id, shortDescription: { text: descriptions.get(id) ?? id } })),
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The folder of .ecr-policy.yaml.' } } },
        results: violations.map((v) => ({
          ruleId: v.rule,
          ruleIndex: RULE_KINDS.indexOf(v.rule),
          level: 'error',
          message: { text: v.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(v.file), uriBaseId: 'SRCROOT' },
                // SARIF lines and columns are 1-based; the end column is exclusive, as ours.
                region: { startLine: v.range.start.line + 1, startColumn: v.range.start.character + 1, endLine: v.range.end.line + 1, endColumn: v.range.end.character + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}
