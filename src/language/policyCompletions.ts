// Key completions in `.ecr-policy.yaml` from the policy's JSON schema: VS Code alone does not read
// the `yamlValidation` contribution (only the YAML extension does). The schema comes with the
// policy bundle (dist/policy.js), which the policy file's diagnostics load anyway.
import * as vscode from 'vscode';
import { keyContextAt } from '../core/policy/completionContext';
import { POLICY_FILE_NAME } from '../core/policy/types';
import { loadPolicy } from '../lazy';

export class PolicyCompletionProvider implements vscode.CompletionItemProvider {
  static readonly selector: vscode.DocumentSelector = { scheme: 'file', pattern: `**/${POLICY_FILE_NAME}` };

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const lines = Array.from({ length: position.line + 1 }, (_, i) => document.lineAt(i).text);
    const context = keyContextAt(lines, position.line, position.character);
    if (!context) return [];
    const { keysOf } = await loadPolicy();
    const word = document.getWordRangeAtPosition(position, /[\w-]+/);
    return keysOf(context).map((key, index) => {
      const item = new vscode.CompletionItem(key.name, vscode.CompletionItemKind.Property);
      item.insertText = `${key.name}: `;
      item.documentation = new vscode.MarkdownString(key.description);
      item.sortText = String(index).padStart(2, '0');
      if (word) item.range = word;
      return item;
    });
  }
}
