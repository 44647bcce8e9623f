// Keeps the 'ecr' diagnostics of open documents current: on open, on edit (debounced), on save,
// on settings changes and when cached answers are dropped; removed on close.
import * as vscode from 'vscode';
import { buildDiagnostics, PlainDiagnostic } from './diagnosticBuilder';
import { PolicyGate, violationDiagnostic } from './policyGate';
import { isSupported } from './selector';
import { LanguageService, SourceText } from './service';
import { readLanguageSettings } from './settings';
import { errorMessage } from '../core/errors';

const EDIT_DELAY_MS = 500;
const SEVERITY: Record<PlainDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('ecr');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /**
   * Latest refresh per document: an older one finishing later must not win, not even after the
   * document closed and one of the same name opened (so the numbers never restart).
   */
  private readonly generations = new Map<string, number>();
  private lastGeneration = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly service: LanguageService, private readonly log: vscode.LogOutputChannel, private readonly gate?: PolicyGate) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.refreshDocument(d)),
      // Typing waits for a pause; a text read anew from disk (a reopened file, a revert) is checked
      // at once, or the diagnostics of its old text would stay on it meanwhile.
      vscode.workspace.onDidChangeTextDocument((e) => (e.document.isDirty ? this.schedule(e.document) : void this.refreshDocument(e.document))),
      vscode.workspace.onDidSaveTextDocument((d) => void this.refreshDocument(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      // VS Code may keep a document alive for a while after its last tab closes (and reuse it
      // when the file opens again), so follow the tabs too.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.followTabs(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ecr.diagnostics') || e.affectsConfiguration('ecr.cache')) this.refreshOpen();
      }),
      service.onDidInvalidate(() => this.refreshOpen()),
    );
    if (gate) this.subscriptions.push(gate.store.onDidChange(() => this.refreshOpen()));
    this.refreshOpen();
  }

  refreshOpen(): void {
    for (const document of vscode.workspace.textDocuments) void this.refreshDocument(document);
  }

  /** Computes and shows the diagnostics of an open document; resolves when they are set. */
  async refreshDocument(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    // A closed document can still be listed for a moment, next to a new one of the same name.
    if (document.isClosed || !isSupported(document)) return [];
    this.clearTimer(document.uri);
    return this.refresh(document);
  }

  /** Diagnostics of any text (an open document or a file read by checkWorkspace). */
  async refresh(source: SourceText): Promise<readonly vscode.Diagnostic[]> {
    const key = source.uri.toString();
    const generation = ++this.lastGeneration;
    this.generations.set(key, generation);
    try {
      const resolved = await this.service.resolveAll(source);
      const settings = readLanguageSettings(source.uri);
      // The repositories' tag lists are only read when the (off by default) newer-image hint is on.
      const newer = settings.newerImage ? await Promise.all(resolved.map((r) => this.service.newer(r.outcome))) : [];
      const plain = buildDiagnostics(resolved.map((r, i) => ({ range: r.reference.range, outcome: r.outcome, newer: newer[i] })), settings);
      const gated = await this.gate?.evaluate(source, resolved.map((r) => r.reference));
      const violations = gated ? gated.evaluation.violations.map((v) => violationDiagnostic(v, gated.policy.uri)) : [];
      const diagnostics = [...plain.map(toDiagnostic), ...violations];
      if (this.generations.get(key) === generation && !isClosed(source)) this.collection.set(source.uri, diagnostics);
      return diagnostics;
    } catch (error) {
      this.log.warn(`Could not check image references in ${source.uri.fsPath}: ${errorMessage(error)}`);
      return [];
    }
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map(tabUri)).filter((u) => u !== undefined));
    for (const uri of event.closed.map(tabUri)) if (uri && !shown.has(uri)) this.forget(vscode.Uri.parse(uri));
    for (const uri of event.opened.map(tabUri)) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && !d.isClosed);
      if (document) void this.refreshDocument(document);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isSupported(document)) return;
    this.clearTimer(document.uri);
    this.timers.set(document.uri.toString(), setTimeout(() => void this.refreshDocument(document), EDIT_DELAY_MS));
  }

  private forget(uri: vscode.Uri): void {
    this.clearTimer(uri);
    this.generations.delete(uri.toString());
    this.collection.delete(uri);
  }

  private clearTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.collection.dispose();
  }
}

function isClosed(source: SourceText): boolean {
  return 'isClosed' in source && source.isClosed === true;
}

function tabUri(tab: vscode.Tab): string | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined;
}

function toDiagnostic(plain: PlainDiagnostic): vscode.Diagnostic {
  const { start, end } = plain.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), plain.message, SEVERITY[plain.severity]);
  diagnostic.source = 'ECR';
  diagnostic.code = typeof plain.code === 'string' ? plain.code : { value: plain.code.value, target: vscode.Uri.parse(plain.code.target) };
  return diagnostic;
}
