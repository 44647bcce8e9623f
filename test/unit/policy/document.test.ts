import * as assert from 'node:assert/strict';
import { checkPolicy, POLICY_TEXT_MAX } from '../../../src/policy/document';
import { addStatement, INPUT_PROMPTS, POLICY_TEMPLATES } from '../../../src/policy/templates';

const problems = (value: unknown): readonly string[] => {
  const check = checkPolicy(typeof value === 'string' ? value : JSON.stringify(value));
  return check.ok ? [] : check.problems;
};

describe('policy document checks (before the call)', () => {
  it('names a parse error, a missing Statement, Effect, Principal, Action', () => {
    assert.match(problems('{"Statement": [')[0] ?? '', /not valid JSON/);
    assert.deepEqual(problems({ Version: '2012-10-17' }), ['The policy has no "Statement".']);
    assert.deepEqual(problems({ Statement: [] }), ['The policy\'s "Statement" is empty.']);
    assert.deepEqual(problems({ Statement: [{ Sid: 'pull', Principal: '*', Action: 'ecr:BatchGetImage' }] }), ['Statement "pull" has no "Effect" (Allow or Deny).']);
    assert.deepEqual(problems({ Statement: { Effect: 'Allow', Action: 'ecr:BatchGetImage' } }), ['Statement 1 has no "Principal" (who it applies to; "*" for everyone).']);
    assert.deepEqual(problems({ Statement: [{ Effect: 'Permit', Principal: '*' }] }), ['Statement 1: "Effect" must be "Allow" or "Deny", not "Permit".', 'Statement 1 has no "Action".']);
  });

  it('refuses unknown ecr: actions, accepts wildcards that match and other services', () => {
    assert.deepEqual(problems({ Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImages', 'ecr:Nothing*'] }] }), [
      'Statement 1: "ecr:BatchGetImages" is not an ECR action.',
      'Statement 1: "ecr:Nothing*" is not an ECR action.',
    ]);
    assert.deepEqual(problems({ Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:Batch*', 'ecr:*', '*', 'kms:Decrypt'] }] }), []);
  });

  it('refuses a text longer than ECR accepts', () => {
    assert.match(problems({ Statement: [{ Sid: 'x'.repeat(POLICY_TEXT_MAX), Effect: 'Allow', Principal: '*', Action: '*' }] })[0] ?? '', /at most 10240/);
  });

  it('every template fills in the account and region, and yields a valid policy', () => {
    const values = { accountId: '222222222222', roleArn: 'ci-deploy', orgId: 'o-abc1234567' };
    for (const template of POLICY_TEMPLATES) {
      for (const need of template.needs) assert.equal(INPUT_PROMPTS[need].check(values[need]), undefined);
      const text = addStatement(undefined, template.statement(values, { accountId: '111111111111', region: 'us-east-1' }));
      assert.deepEqual(problems(text), [], template.id);
    }
    const ci = POLICY_TEMPLATES.find((t) => t.id === 'ciPush')?.statement(values, { accountId: '111111111111', region: 'us-east-1' });
    assert.deepEqual(ci?.Principal, { AWS: 'arn:aws:iam::111111111111:role/ci-deploy' });
    const lambda = POLICY_TEMPLATES.find((t) => t.id === 'lambdaPull');
    assert.deepEqual(lambda?.needs, []);
    assert.deepEqual(lambda?.statement(values, { accountId: '111111111111', region: 'eu-west-1' }).Condition, {
      StringLike: { 'aws:sourceArn': 'arn:aws:lambda:eu-west-1:111111111111:function:*' },
    });
    assert.equal(INPUT_PROMPTS.accountId.check('12345'), 'An AWS account id is 12 digits.');
  });

  it('adds a statement to an existing policy, replacing one with the same Sid', () => {
    const first = addStatement(undefined, { Sid: 'A', Effect: 'Allow', Principal: '*', Action: 'ecr:ListImages' });
    const second = addStatement(first, { Sid: 'B', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' });
    const third = JSON.parse(addStatement(second, { Sid: 'A', Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage' })) as { Statement: { Sid: string; Effect: string }[] };
    assert.deepEqual(third.Statement.map((s) => `${s.Sid}:${s.Effect}`), ['B:Allow', 'A:Deny']);
  });
});

describe('IAM policy JSON schema (completions in the editor)', () => {
  it('offers exactly the ECR actions the checks know', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ECR_ACTIONS } = await import('../../../src/policy/ecrActions');
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../../media/schemas/iam-policy.schema.json'), 'utf8')) as {
      properties: { Statement: { oneOf: { properties: { Action: { oneOf: { anyOf: { enum?: string[] }[] }[] } } }[] } };
    };
    const offered = schema.properties.Statement.oneOf[0]?.properties.Action.oneOf[0]?.anyOf[0]?.enum ?? [];
    assert.deepEqual(offered.filter((a) => !a.includes('*')), [...ECR_ACTIONS]);
  });
});
