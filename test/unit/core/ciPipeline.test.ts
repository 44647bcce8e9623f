// The CI files of "Set Up CI Push...": valid YAML with the keys GitHub Actions and CodeBuild need,
// OIDC role assumption and no stored keys, hostile paths kept out of the shell, and a check
// command that this package really provides.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { checkRoleArn, checkSpec, codeBuildSpec, githubWorkflow, workflowPath, type CiPushSpec } from '../../../src/core/ciPipeline';
import { checkCommandOf, parseWorkflow, runCheck } from '../../support/ciFiles';

const spec: CiPushSpec = {
  dockerfile: 'app/Dockerfile',
  context: 'app',
  repository: 'team/web',
  accountId: '111111111111',
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::111111111111:role/ci/github-ecr-push',
  scanOnPush: true,
  policyFile: '.ecr-policy.yaml',
  policyExists: true,
  branch: 'main',
};

describe('core/ciPipeline (Set Up CI Push)', () => {
  it('writes a GitHub Actions workflow that assumes the role through OIDC, builds, pushes the SHA tag, waits for the scan and runs the check', () => {
    const workflow = parseWorkflow(githubWorkflow(spec));
    assert.deepEqual(workflow.on.push.branches, ['main']);
    assert.equal(workflow.permissions['id-token'], 'write');
    assert.deepEqual(workflow.env, { AWS_REGION: 'us-east-1', ECR_REPOSITORY: 'team/web', DOCKERFILE: 'app/Dockerfile', BUILD_CONTEXT: 'app', ECR_POLICY: '.ecr-policy.yaml' });
    const credentials = workflow.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    assert.deepEqual(credentials?.with, { 'role-to-assume': spec.roleArn, 'aws-region': '${{ env.AWS_REGION }}' });
    const text = githubWorkflow(spec);
    assert.doesNotMatch(text, /aws-access-key-id|aws-secret-access-key|secrets\./, 'no stored keys');
    const runs = workflow.steps.map((s) => s.run ?? '').join('\n');
    assert.match(runs, /docker build --file "\$DOCKERFILE" --tag "\$IMAGE" "\$BUILD_CONTEXT"\ndocker push "\$IMAGE"/);
    assert.equal(workflow.steps.find((s) => s.run?.includes('docker push'))?.env?.IMAGE, '${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}');
    assert.ok(runs.includes('aws ecr wait image-scan-complete --repository-name "$ECR_REPOSITORY" --image-id imageTag="$GITHUB_SHA"'));
    assert.ok(!runs.includes('start-image-scan'), 'the repository scans on push');
    const order = ['configure-aws-credentials', 'amazon-ecr-login', 'docker push', 'wait image-scan-complete', 'check --policy'];
    const at = order.map((what) => workflow.steps.findIndex((s) => (s.uses ?? s.run ?? '').includes(what)));
    assert.deepEqual([...at].sort((a, b) => a - b), at, `steps in order: ${at.join(', ')}`);
    assert.ok(at.every((i) => i >= 0));
  });

  it('starts the scan where the repository does not scan on push, and runs the check only once a policy exists when there is none yet', () => {
    const workflow = parseWorkflow(githubWorkflow({ ...spec, scanOnPush: false, policyExists: false }));
    const start = workflow.steps.findIndex((s) => s.run?.startsWith('aws ecr start-image-scan'));
    const wait = workflow.steps.findIndex((s) => s.run?.startsWith('aws ecr wait image-scan-complete'));
    assert.ok(start >= 0 && start < wait);
    assert.equal(workflow.steps.find((s) => s.run?.includes('check --policy'))?.if, "hashFiles(env.ECR_POLICY) != ''");
    assert.equal(parseWorkflow(githubWorkflow(spec)).steps.find((s) => s.run?.includes('check --policy'))?.if, undefined);
  });

  it('calls a check command this package provides (its bin, the check command, --policy): it runs and passes a clean folder', () => {
    const step = parseWorkflow(githubWorkflow(spec)).steps.find((s) => s.run?.includes('npx'));
    assert.ok(step?.run);
    const [bin, command] = checkCommandOf(step.run);
    assert.equal(runCheck(bin, command, '.ecr-policy.yaml'), 0);
    assert.equal(runCheck(bin, 'chek', '.ecr-policy.yaml'), 2, 'a wrong command would have been caught');
    const buildspec = parse(codeBuildSpec(spec)) as { phases: { build: { commands: string[] } } };
    assert.deepEqual(checkCommandOf(buildspec.phases.build.commands.join('\n')), [bin, command]);
  });

  it('writes a CodeBuild buildspec 0.2 with the registry, the SHA tag, the scan wait and the check', () => {
    const buildspec = parse(codeBuildSpec({ ...spec, scanOnPush: false }), { strict: true }) as { version: number; env: { variables: Record<string, string> }; phases: { install: unknown; build: { commands: string[] } } };
    assert.equal(buildspec.version, 0.2);
    assert.equal(buildspec.env.variables.ECR_REGISTRY, '111111111111.dkr.ecr.us-east-1.amazonaws.com');
    const commands = buildspec.phases.build.commands;
    assert.equal(commands[0], 'aws ecr get-login-password | docker login --username AWS --password-stdin "$ECR_REGISTRY"');
    assert.ok(commands.includes('docker push "$ECR_REGISTRY/$ECR_REPOSITORY:$CODEBUILD_RESOLVED_SOURCE_VERSION"'));
    const start = commands.findIndex((c) => c.startsWith('aws ecr start-image-scan'));
    const wait = commands.findIndex((c) => c.startsWith('aws ecr wait image-scan-complete'));
    assert.ok(start > 1 && wait === start + 1, commands.join('\n'));
    assert.equal(parse(codeBuildSpec({ ...spec, region: 'cn-north-1' })).env.variables.ECR_REGISTRY, '111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn');
  });

  it('keeps hostile paths as data: exact in the YAML, only "$VARIABLE" in the shell; refuses ${{ and line breaks', () => {
    const dockerfile = `app/it's "x" $(touch pwned) \`id\` #: [a]/Dockerfile`;
    const workflow = parseWorkflow(githubWorkflow({ ...spec, dockerfile, context: 'a b' }));
    assert.equal(workflow.env.DOCKERFILE, dockerfile);
    assert.equal(workflow.env.BUILD_CONTEXT, 'a b');
    assert.ok(workflow.steps.every((s) => !(s.run ?? '').includes('pwned')));
    const buildspec = parse(codeBuildSpec({ ...spec, dockerfile })) as { env: { variables: Record<string, string> }; phases: { build: { commands: string[] } } };
    assert.equal(buildspec.env.variables.DOCKERFILE, dockerfile);
    assert.ok(buildspec.phases.build.commands.every((c) => !c.includes('pwned')));
    assert.match(checkSpec({ ...spec, dockerfile: 'app/${{ secrets.X }}/Dockerfile' }) ?? '', /GitHub Actions would evaluate/);
    assert.match(checkSpec({ ...spec, context: 'a\nb' }) ?? '', /line break/);
    assert.equal(checkSpec(spec), undefined);
  });

  it('accepts role ARNs of the registry region’s partition, with paths; says what is wrong otherwise', () => {
    assert.equal(checkRoleArn('arn:aws:iam::123456789012:role/github-ecr-push', 'us-east-1'), undefined);
    assert.equal(checkRoleArn(' arn:aws:iam::123456789012:role/ci/team/push+deploy@x ', 'eu-west-1'), undefined);
    assert.equal(checkRoleArn('arn:aws-cn:iam::123456789012:role/push', 'cn-north-1'), undefined);
    assert.equal(checkRoleArn('arn:aws-us-gov:iam::123456789012:role/push', 'us-gov-west-1'), undefined);
    const cases: [string, string, RegExp][] = [
      ['', 'us-east-1', /Give the ARN/],
      ['github-ecr-push', 'us-east-1', /is not an IAM role ARN/],
      ['arn:aws:iam::12345:role/push', 'us-east-1', /is not an IAM role ARN/],
      ['arn:aws:iam::123456789012:user/push', 'us-east-1', /is not an IAM role ARN/],
      ['arn:aws:iam::123456789012:role/push', 'cn-north-1', /cn-north-1 is in the aws-cn partition/],
      [`arn:aws:iam::123456789012:role/${'r'.repeat(65)}`, 'us-east-1', /not a valid role name/],
      ['arn:aws:iam::123456789012:role/a b', 'us-east-1', /not a valid role name/],
      ['arn:aws:iam::123456789012:role/p$x/push', 'us-east-1', /not a valid role path/],
    ];
    for (const [arn, region, reason] of cases) assert.match(checkRoleArn(arn, region) ?? 'accepted', reason, arn);
  });

  it('names the workflow after the repository', () => {
    assert.equal(workflowPath('team/web.app_1'), '.github/workflows/ecr-push-team-web-app-1.yml');
  });
});
