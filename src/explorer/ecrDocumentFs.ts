// What the editable ECR documents (lifecycle and permission policies) share as file systems: one
// flat file per policy, no folders, no watching; reading and saving are each document's own.
import * as vscode from 'vscode';

export abstract class EcrDocumentFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly registration: vscode.Disposable;

  /** `what` names the documents in refusals, e.g. "Lifecycle policies"; `deleteHint` says how to remove one. */
  protected constructor(
    scheme: string,
    private readonly what: string,
    private readonly deleteHint: string,
  ) {
    this.registration = vscode.workspace.registerFileSystemProvider(scheme, this, { isCaseSensitive: true });
  }

  /** Whether the path names a document (anything else is one of its folders). */
  protected abstract isDocument(path: string): boolean;
  abstract readFile(uri: vscode.Uri): Promise<Uint8Array>;
  abstract writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void>;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.isDocument(uri.path);
    return { type: file ? vscode.FileType.File : vscode.FileType.Directory, ctime: 0, mtime: file ? Date.now() : 0, size: 0 };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(`${this.what} have no folders`);
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions(this.deleteHint);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions(`${this.what} cannot be renamed`);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
