// The production gate in the editor: the policy governing a document, judged against the same
// lookups as hovers and diagnostics. Violations become diagnostics coded by rule, linking to the
// rule's line in the policy file.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { FileEvaluation, Violation } from '../core/policy';
import type { ImageReference } from '../core/scanners';
import { gatherFacts } from '../gate/facts';
import { loadPolicy } from '../lazy';
import type { LoadedPolicy, PolicyStore } from './policyStore';
import type { LanguageService, SourceText } from './service';

export interface GateResult {
  readonly policy: LoadedPolicy;
  readonly evaluation: FileEvaluation;
}

export class PolicyGate {
  constructor(private readonly service: LanguageService, readonly store: PolicyStore) {}

  /**
   * Undefined when no valid policy governs the document. Pass the `references` already scanned:
   * scanning again after an await could cache a closed document's text under a version number
   * that a document of the same name opened since also has.
   */
  async evaluate(source: SourceText, scanned?: readonly ImageReference[]): Promise<GateResult | undefined> {
    const loaded = await this.store.policyFor(source.uri);
    if (!loaded?.parsed.ok) return undefined;
    const policy = loaded.parsed.policy;
    if (policy.rules.length === 0) return undefined;
    const relativePath = posix.relative(loaded.folder.path, source.uri.path);
    const { evaluateFile, factsNeeded } = await loadPolicy();
    const references = scanned ?? (await this.service.references(source));
    const facts = await gatherFacts(
      references,
      {
        classify: (reference) => this.service.classify(reference),
        lookup: async (requests) => (await this.service.resolver()).lookup(requests),
        findings: async (target) => (await this.service.resolver()).findings(target),
        immutableTags: (target) => this.service.tagsImmutable(target),
        signing: (target) => this.service.targetSigning(target),
      },
      factsNeeded(policy, relativePath),
    );
    return { policy: loaded, evaluation: evaluateFile(policy, relativePath, facts, new Date()) };
  }
}

export function violationDiagnostic(violation: Violation, policyUri: vscode.Uri): vscode.Diagnostic {
  const { start, end } = violation.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), violation.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'ECR';
  // The code opens the policy file at the rule that was broken.
  const rule = violation.rule.range.start;
  diagnostic.code = { value: violation.rule.kind, target: policyUri.with({ fragment: `L${rule.line + 1},${rule.character + 1}` }) };
  return diagnostic;
}
