// ecr.setUpCiPush: writes a GitHub Actions workflow (and, when asked, a CodeBuild buildspec) that
// builds the chosen Dockerfile, pushes it to the chosen repository with the git SHA as tag, waits
// for the scan and runs the production gate's check. An existing file is replaced only when the
// user says so. From the palette, or with a Dockerfile's URI.
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import type { EcrContext } from '../context';
import { BUILDSPEC_FILE, checkRoleArn, checkSpec, codeBuildSpec, githubWorkflow, POLICY_CHECK_PACKAGE_VARIABLE, workflowPath, type CiPushSpec } from '../core/ciPipeline';
import { POLICY_FILE_NAME } from '../core/policy/types';
import { recall } from '../push/memory';
import { pickDockerfile, pickRepository } from '../push/prompts';
import { hostOf, registryForHost, repositoryNameOf } from '../push/registryAccess';
import { notify } from '../ui/logger';

const TITLE = 'Set Up CI Push';
/** The last role given, per workspace: a second pipeline usually assumes the same one. */
const ROLE_KEY = 'ecr.ci.roleArn';
const WORKFLOW_ONLY = 'GitHub Actions workflow';
const WITH_BUILDSPEC = 'GitHub Actions workflow and CodeBuild buildspec';

/** What was written and what was left as it was (the user kept an existing file). */
export interface SetUpCiPushResult {
  readonly written: readonly string[];
  readonly kept: readonly string[];
}

export const setUpCiPush: CommandFactory = (ctx) => ({
  id: 'ecr.setUpCiPush',
  run: async (arg): Promise<SetUpCiPushResult | undefined> => {
    const dockerfile = arg instanceof vscode.Uri ? arg : await pickDockerfile(ctx.prompts, TITLE);
    if (!dockerfile) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(dockerfile);
    if (!folder) throw new Error(`${dockerfile.fsPath} is not in a workspace folder: the CI files go into the folder's repository.`);
    const repositoryUri = await pickRepository(ctx, recall(ctx.extension.workspaceState, dockerfile.fsPath).repositoryUri, TITLE);
    if (!repositoryUri) return undefined;
    const registry = await registryForHost(ctx, hostOf(repositoryUri));
    const repository = await registry.api.describeRepository(repositoryNameOf(repositoryUri));
    const accountId = registry.node.registry.info?.accountId ?? repository.registryId ?? '';
    const region = registry.node.registry.source.region;
    const roleArn = await askRoleArn(ctx, region);
    if (!roleArn) return undefined;
    const kind = await ctx.prompts.pick([{ label: WORKFLOW_ONLY }, { label: WITH_BUILDSPEC }], { title: `${TITLE}: files to write` });
    if (!kind) return undefined;
    const spec = specFor(folder, dockerfile, ctx, { repository: repository.repositoryName ?? repositoryNameOf(repositoryUri), accountId, region, roleArn, scanOnPush: repository.imageScanningConfiguration?.scanOnPush === true });
    const problem = checkSpec(spec);
    if (problem) throw new Error(`Cannot write the CI files: ${problem}.`);
    const files: [string, string][] = [[workflowPath(spec.repository), githubWorkflow(spec)]];
    if (kind.label === WITH_BUILDSPEC) files.push([BUILDSPEC_FILE, codeBuildSpec(spec)]);
    const result = await writeFiles(ctx, folder, files);
    if (result.written.length > 0) {
      await vscode.window.showTextDocument(vscode.Uri.file(result.written[0]), { preview: false });
      void notify(
        ctx.log,
        'information',
        `Wrote ${result.written.map((f) => vscode.workspace.asRelativePath(f)).join(' and ')}. Set the CI variable ${POLICY_CHECK_PACKAGE_VARIABLE} to where npm gets ECR Explorer for the policy check, and let the role trust GitHub's OIDC provider.`,
      );
    }
    return result;
  },
});

async function askRoleArn(ctx: EcrContext, region: string): Promise<string | undefined> {
  const last = ctx.extension.workspaceState.get<string>(ROLE_KEY);
  const arn = await ctx.prompts.input({
    title: `${TITLE}: IAM role for GitHub Actions`,
    prompt: "The role the workflow assumes through GitHub's OIDC provider (no stored keys); its trust policy must allow token.actions.githubusercontent.com",
    placeHolder: 'arn:aws:iam::123456789012:role/github-ecr-push',
    value: last,
    validateInput: (value) => checkRoleArn(value, region),
  });
  if (arn === undefined) return undefined;
  await ctx.extension.workspaceState.update(ROLE_KEY, arn.trim());
  return arn.trim();
}

function specFor(folder: vscode.WorkspaceFolder, dockerfile: vscode.Uri, ctx: EcrContext, target: Pick<CiPushSpec, 'repository' | 'accountId' | 'region' | 'roleArn' | 'scanOnPush'>): CiPushSpec {
  const root = folder.uri.fsPath;
  const context = recall(ctx.extension.workspaceState, dockerfile.fsPath).context ?? dirname(dockerfile.fsPath);
  const policy = nearestPolicy(root, dirname(dockerfile.fsPath));
  return {
    ...target,
    dockerfile: relativeTo(root, dockerfile.fsPath),
    context: relativeTo(root, context),
    policyFile: policy ? relativeTo(root, policy) : POLICY_FILE_NAME,
    policyExists: policy !== undefined,
    branch: 'main',
  };
}

/** The policy the editor applies to the Dockerfile: the nearest `.ecr-policy.yaml` up to the folder's root. */
function nearestPolicy(root: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, POLICY_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === root || dirname(dir) === dir || relative(root, dirname(dir)).startsWith('..')) return undefined;
  }
}

/** `a/b` with forward slashes, `.` for the root itself. */
function relativeTo(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.';
}

async function writeFiles(ctx: EcrContext, folder: vscode.WorkspaceFolder, files: readonly [string, string][]): Promise<SetUpCiPushResult> {
  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of files) {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    if (await exists(uri)) {
      const replace = await ctx.prompts.confirm(`${path} already exists. Replace it?`, 'Replace', 'Its contents will be overwritten with the generated file.');
      if (!replace) {
        kept.push(uri.fsPath);
        continue;
      }
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    ctx.log.info(`Set Up CI Push: wrote ${uri.fsPath}`);
    written.push(uri.fsPath);
  }
  return { written, kept };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
