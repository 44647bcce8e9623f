import * as vscode from 'vscode';
import { hoverMarkdown } from './hoverMarkdown';
import { LINKED_COMMANDS } from './links';
import type { PolicyGate } from './policyGate';
import { LanguageService, toRange } from './service';

/** How long a hover waits for its extras (signing line, newer version); the scan it always waits for. */
const EXTRAS_WAIT_MS = 2_000;

/** Hover over an image reference: the image, its scan and links to our commands. */
export class EcrHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: LanguageService, private readonly gate?: PolicyGate) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const resolved = await this.service.resolveAt(document, position);
    if (!resolved) return undefined;
    // The signing facts and the repository's tag list (for a newer version) are read alongside the
    // scan, not after it, and waited for only so long: a slow registry or a huge repository's first
    // listing finishes in the background, and the next hover shows it from the lookup layer.
    const [findings, signing, newer] = await Promise.all([
      this.service.findings(resolved.outcome),
      within(EXTRAS_WAIT_MS, this.service.signing(resolved.outcome)),
      within(EXTRAS_WAIT_MS, this.service.newer(resolved.outcome)),
    ]);
    // Findings the policy suppresses are counted apart (the gate's answers come from the same cache).
    const gated = await this.gate?.evaluate(document);
    const start = resolved.reference.range.start;
    const suppressed = gated?.evaluation.suppressed.filter((s) => s.range.start.line === start.line && s.range.start.character === start.character).flatMap((s) => s.findings.map((f) => f.id));
    const text = hoverMarkdown(resolved.outcome, findings, new Set(suppressed ?? []), { signing, newer });
    if (text === undefined) return undefined;
    const markdown = new vscode.MarkdownString(text);
    // Only our own commands may run from the hover; its text from ECR is escaped.
    markdown.isTrusted = { enabledCommands: [...LINKED_COMMANDS] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toRange(resolved.reference));
  }
}

/** `promise`'s value, or undefined when it takes longer than `ms` (or fails). */
function within<T>(ms: number, promise: Promise<T | undefined>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
