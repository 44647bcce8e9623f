import * as vscode from 'vscode';
import { hoverMarkdown } from './hoverMarkdown';
import { LINKED_COMMANDS } from './links';
import { LanguageService, toRange } from './service';

/** Hover over an image reference: the image, its scan and links to our commands. */
export class EcrHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: LanguageService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const resolved = await this.service.resolveAt(document, position);
    if (!resolved) return undefined;
    const findings = await this.service.findings(resolved.outcome);
    const text = hoverMarkdown(resolved.outcome, findings);
    if (text === undefined) return undefined;
    const markdown = new vscode.MarkdownString(text);
    // Only our own commands may run from the hover; its text from ECR is escaped.
    markdown.isTrusted = { enabledCommands: [...LINKED_COMMANDS] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toRange(resolved.reference));
  }
}
