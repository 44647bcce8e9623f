// Quick fixes on image references: pin to the digest (one reference, or all of a file for the
// policy's pinnedByDigest rule), update to a newer version's tag, start a scan, silence with
// `ecr-ignore`, reveal in the ECR view.
import * as vscode from 'vscode';
import { withDigest, withTag } from '../core/imageRef';
import { NEWER_IMAGE_CODE } from './diagnosticBuilder';
import type { ImageReference } from '../core/scanners';
import type { Classified } from './classify';
import type { Outcome } from './outcome';
import { commentPrefix, ignoreLine } from './ignoreComment';
import { LANGUAGE_COMMANDS } from './links';
import { LanguageService, toRange } from './service';

const PINNED_BY_DIGEST = 'pinnedByDigest';

export class EcrCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly service: LanguageService) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const references = (await this.service.references(document)).filter((r) => !r.ignored && toRange(r).intersection(range) !== undefined);
    const actions: vscode.CodeAction[] = [];
    for (const reference of references) {
      const referenceRange = toRange(reference);
      const own = context.diagnostics.filter((d) => d.source === 'ECR' && d.range.intersection(referenceRange) !== undefined);
      const classified = this.service.classify(reference);
      if (classified.kind !== 'lookup' && classified.kind !== 'malformed' && classified.kind !== 'unresolved') continue;
      if (classified.kind === 'lookup') {
        const [{ outcome }] = await this.service.resolveReferences([reference]);
        if (outcome.kind === 'found') {
          const { target } = outcome;
          const pinned = pinnedText(reference, classified, outcome);
          if (pinned !== undefined) {
            const pin = new vscode.CodeAction(`Pin ${reference.text} to its digest`, vscode.CodeActionKind.QuickFix);
            pin.edit = new vscode.WorkspaceEdit();
            pin.edit.replace(document.uri, referenceRange, pinned);
            pin.diagnostics = own;
            pin.isPreferred = own.some(isPinRule);
            actions.push(pin);
          }
          const update = await this.updateAction(document, reference, outcome, own);
          if (update) actions.push(update);
          actions.push(commandAction(`Start a scan of ${target.repository}`, LANGUAGE_COMMANDS.scan, target, own));
          actions.push(commandAction('Reveal in the ECR view', LANGUAGE_COMMANDS.reveal, target, []));
        }
      }
      const prefix = own.length > 0 ? commentPrefix(reference.kind, document.languageId, document.getText()) : undefined;
      if (prefix) {
        const line = reference.range.start.line;
        const silence = new vscode.CodeAction('Ignore this image reference (ecr-ignore)', vscode.CodeActionKind.QuickFix);
        silence.edit = new vscode.WorkspaceEdit();
        silence.edit.insert(document.uri, new vscode.Position(line, 0), ignoreLine(document.lineAt(line).text, prefix));
        silence.diagnostics = own;
        actions.push(silence);
      }
    }
    const pinAll = await this.pinAll(document, context);
    if (pinAll) actions.push(pinAll);
    return actions;
  }

  /** "Update to v1.2.0": the tag of a literal reference replaced by the newer version's (from the cached tag list). */
  private async updateAction(document: vscode.TextDocument, reference: ImageReference, outcome: Outcome, own: vscode.Diagnostic[]): Promise<vscode.CodeAction | undefined> {
    if (reference.resolved !== undefined) return undefined;
    const newer = await this.service.newer(outcome);
    const updated = newer && withTag(reference.text, newer.tag);
    if (!newer || !updated?.ok) return undefined;
    const action = new vscode.CodeAction(`Update to ${newer.tag}`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, toRange(reference), updated.text);
    action.diagnostics = own.filter((d) => d.code === NEWER_IMAGE_CODE);
    action.isPreferred = action.diagnostics.length > 0;
    return action;
  }

  /** For the policy's pinnedByDigest rule: every pinnable reference of the file in one edit. */
  private async pinAll(document: vscode.TextDocument, context: vscode.CodeActionContext): Promise<vscode.CodeAction | undefined> {
    if (!context.diagnostics.some(isPinRule)) return undefined;
    const references = (await this.service.references(document)).filter((r) => !r.ignored);
    const resolved = await this.service.resolveReferences(references);
    const edit = new vscode.WorkspaceEdit();
    let count = 0;
    for (const { reference, outcome } of resolved) {
      const pinned = pinnedText(reference, this.service.classify(reference), outcome);
      if (pinned === undefined) continue;
      edit.replace(document.uri, toRange(reference), pinned);
      count++;
    }
    if (count < 2) return undefined;
    const action = new vscode.CodeAction(`Pin all ${count} image references in this file to their digests`, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter(isPinRule);
    return action;
  }
}

/** The reference pinned to the digest it was found at; only what is written literally (not built from variables). */
function pinnedText(reference: ImageReference, classified: Classified, outcome: Outcome): string | undefined {
  if (classified.kind !== 'lookup' || outcome.kind !== 'found' || reference.resolved !== undefined || classified.ref.digest) return undefined;
  const pinned = withDigest(reference.text, outcome.target.digest);
  return pinned.ok ? pinned.text : undefined;
}

function isPinRule(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === 'ECR' && typeof diagnostic.code === 'object' && diagnostic.code.value === PINNED_BY_DIGEST;
}

function commandAction(title: string, command: string, target: unknown, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { command, title, arguments: [target] };
  action.diagnostics = diagnostics;
  return action;
}
