// Hovers, diagnostics and quick fixes on image references. Providers are registered at
// activation; the AWS bundle loads only when a document names an ECR image (see service.ts).
import * as vscode from 'vscode';
import type { EcrContext } from '../context';
import { EcrCodeActionProvider } from './codeActions';
import { DiagnosticsManager } from './diagnostics';
import { PolicyCompletionProvider } from './policyCompletions';
import { PolicyGate } from './policyGate';
import { PolicyStore } from './policyStore';
import { EcrHoverProvider } from './hoverProvider';
import { DOCUMENT_SELECTOR } from './selector';
import { LanguageService } from './service';

export interface LanguageFeatures {
  readonly service: LanguageService;
  readonly diagnostics: DiagnosticsManager;
  /** The production gate (`.ecr-policy.yaml`), also for images outside documents (promotion). */
  readonly gate: PolicyGate;
}

export function setupLanguageFeatures(ctx: EcrContext): LanguageFeatures {
  const service = ctx.register(new LanguageService(ctx));
  const gate = new PolicyGate(service, ctx.register(new PolicyStore()));
  const diagnostics = ctx.register(new DiagnosticsManager(service, ctx.log, gate));
  ctx.register(vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new EcrHoverProvider(service, gate)));
  ctx.register(vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new EcrCodeActionProvider(service), EcrCodeActionProvider.metadata));
  ctx.register(vscode.languages.registerCompletionItemProvider(PolicyCompletionProvider.selector, new PolicyCompletionProvider()));
  return { service, diagnostics, gate };
}
