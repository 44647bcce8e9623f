import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { withProgress } from '../ui/progress';
import type { DiagnosticsManager } from '../language/diagnostics';
import { LANGUAGE_COMMANDS } from '../language/links';
import { WORKSPACE_EXCLUDE, WORKSPACE_GLOB } from '../language/selector';

const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;

/** Checks every Dockerfile, compose, Kubernetes, ECS and CloudFormation file of the workspace. */
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
        let problems = 0;
        for (const uri of files) {
          if (token.isCancellationRequested) break;
          const document = open.get(uri.toString());
          const diagnostics = document ? await features.diagnostics.refreshDocument(document) : await checkFile(features.diagnostics, uri);
          problems += diagnostics.length;
          checked++;
          progress.report({ message: `${checked}/${files.length} files`, increment: 100 / Math.max(files.length, 1) });
        }
        ctx.log.info(`Checked ${checked} file(s) for ECR image references: ${problems} problem(s)`);
        return { files: checked, problems };
      },
      true,
    );
  },
});

async function checkFile(diagnostics: DiagnosticsManager, uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) return [];
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return diagnostics.refresh({ uri, getText: () => text });
}
