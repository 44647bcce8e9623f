// "Set Up CI Push..." in the workbench: the Dockerfile and repository are picked, the role asked
// (a malformed ARN refused with the reason), and the workflow and buildspec written into the
// workspace; an existing file is replaced only when the user says so.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRepositoryCommand, DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { SetUpCiPushResult } from '../../../src/commands/setUpCiPush';
import type { Prompts } from '../../../src/ui/prompts';
import { checkCommandOf, parseWorkflow, runCheck } from '../../support/ciFiles';
import { activateExtension, EXTENSION_ID } from '../helpers';
import { answering, DEFAULT, ScriptedPrompts } from '../prompts';
import { sdkClient } from '../sandbox';

const ROLE = 'arn:aws:iam::111111111111:role/ci/github-ecr-push';
const BOTH = 'GitHub Actions workflow and CodeBuild buildspec';

describe('Set Up CI Push', () => {
  const name = `it-ci/web-${Date.now()}`;
  const slug = name.replace(/[^a-z0-9]+/g, '-');
  let workspace = '';
  const workflowFile = () => join(workspace, '.github', 'workflows', `ecr-push-${slug}.yml`);
  const buildspecFile = () => join(workspace, 'buildspec.yml');
  const run = () => vscode.commands.executeCommand<SetUpCiPushResult | undefined>('ecr.setUpCiPush');

  before(async () => {
    await activateExtension();
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace);
    await sdkClient(0).send(new CreateRepositoryCommand({ repositoryName: name, imageScanningConfiguration: { scanOnPush: false } }));
    await vscode.commands.executeCommand('ecr.refresh'); // the explorer learnt its repositories before this one existed
  });

  after(async () => {
    rmSync(join(workspace, '.github'), { recursive: true, force: true });
    rmSync(buildspecFile(), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
  });

  it('writes a workflow and a buildspec for the picked Dockerfile and repository, with the role, the SHA tag, the scan and the check', async () => {
    let result: SetUpCiPushResult | undefined;
    const asked = await answering(['app/Dockerfile', name, ROLE, BOTH], async () => (result = await run()));
    assert.deepEqual(asked.map((q) => q.replace(/ \(.*$/s, '')), [
      'pick: Set Up CI Push: Dockerfile',
      'pick: Set Up CI Push: repository',
      'input: Set Up CI Push: IAM role for GitHub Actions The role the workflow assumes through GitHub\'s OIDC provider',
      'pick: Set Up CI Push: files to write',
    ]);
    assert.deepEqual(result, { written: [workflowFile(), buildspecFile()], kept: [] });

    const workflow = parseWorkflow(readFileSync(workflowFile(), 'utf8'));
    assert.equal(workflow.permissions['id-token'], 'write');
    assert.equal(workflow.env.DOCKERFILE, 'app/Dockerfile');
    assert.equal(workflow.env.BUILD_CONTEXT, 'app');
    assert.equal(workflow.env.ECR_REPOSITORY, name);
    assert.equal(workflow.env.AWS_REGION, 'us-east-1');
    assert.equal(workflow.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'], ROLE);
    const runs = workflow.steps.map((s) => s.run ?? '');
    assert.ok(runs.some((r) => r.startsWith('aws ecr start-image-scan')), 'the repository does not scan on push: the workflow starts the scan');
    assert.ok(runs.some((r) => r.startsWith('aws ecr wait image-scan-complete')));
    const check = workflow.steps.find((s) => s.run?.includes('npx'));
    assert.equal(check?.if, "hashFiles(env.ECR_POLICY) != ''", 'the workspace has no policy yet');
    // The command the workflow calls is the installed extension's own CLI, and it runs.
    const [bin, command] = checkCommandOf(check?.run ?? '');
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    assert.equal(runCheck(bin, command, workflow.env.ECR_POLICY, extensionPath), 0);

    const buildspec = readFileSync(buildspecFile(), 'utf8');
    assert.match(buildspec, /ECR_REGISTRY: "111111111111\.dkr\.ecr\.us-east-1\.amazonaws\.com"/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, workflowFile(), 'the workflow is opened');
  });

  it('asks before replacing an existing file: "no" keeps it as it was, "Replace" writes it', async () => {
    writeFileSync(workflowFile(), '# mine\n');
    rmSync(buildspecFile(), { force: true });
    let result: SetUpCiPushResult | undefined;
    const asked = await answering(['app/Dockerfile', name, ROLE, BOTH, false], async () => (result = await run()));
    assert.ok(asked.includes(`confirm: .github/workflows/ecr-push-${slug}.yml already exists. Replace it? [Replace]`), asked.join('\n'));
    assert.deepEqual(result, { written: [buildspecFile()], kept: [workflowFile()] });
    assert.equal(readFileSync(workflowFile(), 'utf8'), '# mine\n');
    // From the Dockerfile's context menu (its URI given), with the role given last time proposed.
    const dockerfile = vscode.Uri.file(join(workspace, 'app', 'Dockerfile'));
    await answering([name, DEFAULT, 'GitHub Actions workflow', true], async () => (result = await vscode.commands.executeCommand<SetUpCiPushResult>('ecr.setUpCiPush', dockerfile)));
    assert.deepEqual(result, { written: [workflowFile()], kept: [] });
    assert.match(readFileSync(workflowFile(), 'utf8'), /role-to-assume: "arn:aws:iam::111111111111:role\/ci\/github-ecr-push"/);
  });

  it('refuses a role ARN that is not one, with the reason, before writing anything', async () => {
    rmSync(join(workspace, '.github'), { recursive: true, force: true });
    const api = await activateExtension();
    const reasons: (string | undefined)[] = [];
    const scripted = new ScriptedPrompts(['app/Dockerfile', name]);
    const prompts: Prompts = {
      confirm: (message, action) => scripted.confirm(message, action),
      pick: (items, options) => scripted.pick(items, options),
      async input(options) {
        for (const value of ['github-ecr-push', 'arn:aws-cn:iam::111111111111:role/push']) {
          const reason = await options.validateInput?.(value);
          reasons.push(typeof reason === 'string' ? reason : undefined);
        }
        return undefined; // the user gives up
      },
    };
    api.testing.setPrompts(prompts);
    try {
      assert.equal(await run(), undefined);
    } finally {
      api.testing.setPrompts(undefined);
    }
    assert.match(reasons[0] ?? '', /"github-ecr-push" is not an IAM role ARN/);
    assert.match(reasons[1] ?? '', /us-east-1 is in the aws partition/);
    assert.equal(existsSync(workflowFile()), false);
  });
});
