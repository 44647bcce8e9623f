// Finds and reads the `.ecr-policy.yaml` that governs a file: the nearest one in its folder or a
// parent folder, inside its workspace folder. An open policy document's unsaved text counts. The
// policy file's own problems (schema, broken YAML, expired suppressions) are its diagnostics.
import * as vscode from 'vscode';
import { POLICY_FILE_NAME, type ParsedPolicy, type PolicyProblem } from '../core/policy/types';
import { loadPolicy } from '../lazy';

export interface LoadedPolicy {
  readonly uri: vscode.Uri;
  /** The folder the policy's `files` globs are relative to. */
  readonly folder: vscode.Uri;
  readonly parsed: ParsedPolicy;
}

export function isPolicyDocument(document: { readonly uri: vscode.Uri }): boolean {
  return document.uri.scheme === 'file' && document.uri.path.endsWith(`/${POLICY_FILE_NAME}`);
}

export class PolicyStore implements vscode.Disposable {
  readonly problems = vscode.languages.createDiagnosticCollection('ecr-policy');
  /** By policy file URI; undefined: no policy file there. */
  private readonly cache = new Map<string, Promise<LoadedPolicy | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a policy file appeared, changed or went: diagnostics should be computed again. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${POLICY_FILE_NAME}`);
    const drop = (uri: vscode.Uri) => this.forget(uri);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(drop),
      watcher.onDidChange(drop),
      watcher.onDidDelete(drop),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isPolicyDocument(e.document)) this.forget(e.document.uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isPolicyDocument(d)) void this.load(d.uri);
      }),
      // Closed unsaved: the file on disk counts again.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isPolicyDocument(d)) this.forget(d.uri);
      }),
    );
    for (const document of vscode.workspace.textDocuments) if (isPolicyDocument(document)) void this.load(document.uri);
  }

  /** The policy governing `uri`, if any (a broken one too: `parsed.ok` is false then). */
  async policyFor(uri: vscode.Uri): Promise<LoadedPolicy | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (!root) return undefined;
    let folder = vscode.Uri.joinPath(uri, '..');
    for (;;) {
      const loaded = await this.load(vscode.Uri.joinPath(folder, POLICY_FILE_NAME));
      if (loaded) return loaded;
      if (folder.path === root.path || folder.path.length <= root.path.length) return undefined;
      folder = vscode.Uri.joinPath(folder, '..');
    }
  }

  private load(policyUri: vscode.Uri): Promise<LoadedPolicy | undefined> {
    const key = policyUri.toString();
    let loading = this.cache.get(key);
    if (!loading) {
      loading = this.read(policyUri);
      this.cache.set(key, loading);
    }
    return loading;
  }

  private async read(policyUri: vscode.Uri): Promise<LoadedPolicy | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === policyUri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(policyUri));
      } catch {
        this.problems.delete(policyUri);
        return undefined;
      }
    }
    const { parsePolicy, expiredSuppressions } = await loadPolicy();
    const parsed = parsePolicy(text);
    const problems: PolicyProblem[] = [...parsed.problems, ...(parsed.ok ? expiredSuppressions(parsed.policy, new Date()) : [])];
    this.problems.set(policyUri, problems.map(toDiagnostic));
    return { uri: policyUri, folder: vscode.Uri.joinPath(policyUri, '..'), parsed };
  }

  private forget(policyUri: vscode.Uri): void {
    this.cache.delete(policyUri.toString());
    void this.load(policyUri).then(() => this.changed.fire());
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changed.dispose();
    this.problems.dispose();
  }
}

function toDiagnostic(problem: PolicyProblem): vscode.Diagnostic {
  const { start, end } = problem.range;
  const range = new vscode.Range(start.line, start.character, end.line, Math.max(end.character, start.line === end.line ? start.character + 1 : end.character));
  const diagnostic = new vscode.Diagnostic(range, problem.message, problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'ECR policy';
  return diagnostic;
}
