import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import type { SourceText } from '../language/service';
import { LANGUAGE_COMMANDS } from '../language/links';
import { WORKSPACE_EXCLUDE, WORKSPACE_GLOB } from '../language/selector';

const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const FILES_PER_CHUNK = 100;
const SHOW_PROBLEMS = 'Show Problems';

/** Checks every Dockerfile, compose, Kubernetes, ECS and CloudFormation file of the workspace, then says what it found. */
export const checkWorkspace: CommandFactory = (ctx) => ({
  id: LANGUAGE_COMMANDS.checkWorkspace,
  run: async () => {
    const features = ctx.language;
    return withProgress(
      'Checking ECR image references',
      async (progress, token) => {
        const files = await vscode.workspace.findFiles(WORKSPACE_GLOB, WORKSPACE_EXCLUDE, MAX_FILES, token);
        const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
        let checked = 0;
        const found = { errors: 0, warnings: 0, notes: 0 };
        // A chunk of files is read first, then checked all at once: their lookups of the same
        // repository share DescribeImages calls (up to 100 images each) instead of one call per file.
        for (let start = 0; start < files.length && !token.isCancellationRequested; start += FILES_PER_CHUNK) {
          const chunk = files.slice(start, start + FILES_PER_CHUNK);
          const texts = await Promise.all(chunk.map((uri) => open.get(uri.toString()) ?? readSource(uri)));
          const results = await Promise.all(
            texts.map((text) => (text === undefined ? [] : 'isClosed' in text ? features.diagnostics.refreshDocument(text) : features.diagnostics.refresh(text))),
          );
          for (const diagnostic of results.flat()) {
            if (diagnostic.severity === vscode.DiagnosticSeverity.Error) found.errors++;
            else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) found.warnings++;
            else found.notes++;
          }
          checked += chunk.length;
          progress.report({ message: `${checked}/${files.length} files`, increment: (100 * chunk.length) / files.length });
        }
        const summary = `Checked ${checked} file(s) for ECR image references: ${found.errors} error(s), ${found.warnings} warning(s), ${found.notes} note(s).`;
        ctx.log.info(summary);
        void vscode.window.showInformationMessage(summary, SHOW_PROBLEMS).then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
        return { files: checked, problems: found.errors + found.warnings, ...found };
      },
      true,
    );
  },
});

/** A file that is not open, as a text to check (undefined when it is too big or cannot be read). */
async function readSource(uri: vscode.Uri): Promise<SourceText | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { uri, getText: () => text };
  } catch {
    return undefined;
  }
}
