// Quick fixes on image references: pin to the digest, start a scan, silence with `ecr-ignore`,
// reveal in the ECR view.
import * as vscode from 'vscode';
import { withDigest } from '../core/imageRef';
import { commentPrefix, ignoreLine } from './ignoreComment';
import { LANGUAGE_COMMANDS } from './links';
import { LanguageService, toRange } from './service';

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
          // Pin only what is written literally: a reference built from variables is left to its author.
          const pinned = reference.resolved === undefined && !classified.ref.digest ? withDigest(reference.text, target.digest) : undefined;
          if (pinned?.ok) {
            const pin = new vscode.CodeAction(`Pin ${reference.text} to its digest`, vscode.CodeActionKind.QuickFix);
            pin.edit = new vscode.WorkspaceEdit();
            pin.edit.replace(document.uri, referenceRange, pinned.text);
            pin.diagnostics = own;
            actions.push(pin);
          }
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
    return actions;
  }
}

function commandAction(title: string, command: string, target: unknown, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { command, title, arguments: [target] };
  action.diagnostics = diagnostics;
  return action;
}
