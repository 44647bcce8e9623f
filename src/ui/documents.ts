import * as vscode from 'vscode';

export const VIEW_SCHEME = 'ecr-view';

/**
 * Read-only documents the extension shows (manifests, policies, findings): kept in memory for
 * the session, never written to disk.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` under a readable name, e.g. "web/manifest sha256:ab12.json". */
  async open(name: string, content: string, language: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: VIEW_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const shown = await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(shown, { preview: true });
    return shown;
  }

  /** Opens markdown rendered in the preview (links work, HTML in it does not run). */
  async openMarkdown(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: VIEW_SCHEME, path: `/${name}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  /** The text last opened under `uri` (for tests and for re-rendering). */
  contentOf(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
