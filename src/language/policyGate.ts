// The production gate in the editor: the policy governing a document, judged against the same
// lookups as hovers and diagnostics. Violations become diagnostics coded by rule, linking to the
// rule's line in the policy file.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { POLICY_FILE_NAME } from '../core/policy/types';
import type { FileEvaluation, Violation } from '../core/policy';
import type { ImageReference } from '../core/scanners';
import { gatherFacts, type FactSources } from '../gate/facts';
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
    const facts = await gatherFacts(references, this.sources(), factsNeeded(policy, relativePath));
    return { policy: loaded, evaluation: evaluateFile(policy, relativePath, facts, new Date()) };
  }

  /**
   * The gate for one image outside any document (a promotion): the workspace's policy, with the
   * rules whose `files` match `policyPath` (a workspace-relative path), or every rule without one.
   */
  async evaluateImage(imageUri: string, policyPath: string | undefined): Promise<ImageVerdict> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return { kind: 'noPolicy' };
    const target = vscode.Uri.joinPath(folder.uri, policyPath ?? POLICY_FILE_NAME);
    const loaded = await this.store.policyFor(target);
    if (!loaded) return { kind: 'noPolicy' };
    if (!loaded.parsed.ok) return { kind: 'broken', policyUri: loaded.uri, problems: loaded.parsed.problems.map((p) => p.message) };
    const parsed = loaded.parsed.policy;
    const policy = policyPath ? parsed : { ...parsed, rules: parsed.rules.map((rule) => ({ ...rule, files: ['**'] })) };
    const relativePath = posix.relative(loaded.folder.path, target.path);
    const { evaluateFile, factsNeeded, rulesFor } = await loadPolicy();
    const at = { line: 0, character: 0 };
    const reference: ImageReference = { text: imageUri, range: { start: at, end: at }, kind: 'kubernetes' };
    const facts = await gatherFacts([reference], this.sources(), factsNeeded(policy, relativePath));
    const { violations } = evaluateFile(policy, relativePath, facts, new Date());
    return { kind: 'judged', policyUri: loaded.uri, rules: rulesFor(policy, relativePath).length, violations: violations.map((v) => v.message) };
  }

  private sources(): FactSources {
    return {
      classify: (reference) => this.service.classify(reference),
      lookup: async (requests) => (await this.service.resolver()).lookup(requests),
      findings: async (target) => (await this.service.resolver()).findings(target),
      immutableTags: (target) => this.service.tagsImmutable(target),
      signing: (target) => this.service.targetSigning(target),
    };
  }
}

/** The gate's answer for one image: no policy to apply, a policy with errors, or the rules' verdict. */
export type ImageVerdict =
  | { readonly kind: 'noPolicy' }
  | { readonly kind: 'broken'; readonly policyUri: vscode.Uri; readonly problems: readonly string[] }
  | { readonly kind: 'judged'; readonly policyUri: vscode.Uri; readonly rules: number; readonly violations: readonly string[] };

export function violationDiagnostic(violation: Violation, policyUri: vscode.Uri): vscode.Diagnostic {
  const { start, end } = violation.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), violation.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'ECR';
  // The code opens the policy file at the rule that was broken.
  const rule = violation.rule.range.start;
  diagnostic.code = { value: violation.rule.kind, target: policyUri.with({ fragment: `L${rule.line + 1},${rule.character + 1}` }) };
  return diagnostic;
}
