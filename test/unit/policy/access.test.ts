import * as assert from 'node:assert/strict';
import { ALL_ECR_ACTIONS, EVERYONE, whoCanAccess, type AccessSummary } from '../../../src/policy/access';
import { accessMarkdown } from '../../../src/policy/accessMarkdown';
import { checkPolicy, type PolicyDocument } from '../../../src/policy/document';

function policyOf(statements: object[]): PolicyDocument {
  const check = checkPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  if (!check.ok) throw new Error(check.problems.join('\n'));
  return check.policy;
}
const summary = (...statements: object[]): AccessSummary => whoCanAccess(policyOf(statements));
const row = (s: AccessSummary, principal: string) => s.rows.find((r) => r.principal === principal);

describe('who can access (policy text -> principal, actions, conditions)', () => {
  it('names accounts, roles and services; account ids and :root ARNs read as the account', () => {
    const s = summary({
      Effect: 'Allow',
      Principal: { AWS: ['222222222222', 'arn:aws:iam::333333333333:root', 'arn:aws:iam::444444444444:role/ci'], Service: 'lambda.amazonaws.com' },
      Action: 'ecr:BatchGetImage',
    });
    assert.deepEqual(s.rows.map((r) => r.principal), ['Account 222222222222', 'Account 333333333333', 'arn:aws:iam::444444444444:role/ci', 'Service lambda.amazonaws.com']);
    for (const r of s.rows) assert.deepEqual(r.allowed, ['ecr:BatchGetImage']);
  });

  it('expands ecr:Batch* to the Batch actions and * / ecr:* to all ECR actions', () => {
    const batch = summary({ Effect: 'Allow', Principal: '*', Action: 'ecr:Batch*' });
    assert.deepEqual(row(batch, EVERYONE)?.allowed, [
      'ecr:BatchCheckLayerAvailability',
      'ecr:BatchDeleteImage',
      'ecr:BatchGetImage',
      'ecr:BatchGetRepositoryScanningConfiguration',
      'ecr:BatchImportUpstreamImage',
    ]);
    assert.deepEqual(row(summary({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:*' }), EVERYONE)?.allowed, [ALL_ECR_ACTIONS]);
    assert.deepEqual(row(summary({ Effect: 'Allow', Principal: '*', Action: '*' }), EVERYONE)?.allowed, [ALL_ECR_ACTIONS]);
    assert.deepEqual(row(summary({ Effect: 'Allow', Principal: '*', Action: 'ECR:getdownloadurlforlayer' }), EVERYONE)?.allowed, ['ecr:GetDownloadUrlForLayer']);
  });

  it('an unconditioned Deny overrides the Allow of the same principal and of everyone', () => {
    const s = summary(
      { Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'ecr:*' },
      { Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
      { Effect: 'Deny', Principal: { AWS: '222222222222' }, Action: 'ecr:Delete*' },
      { Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage' },
    );
    const a = row(s, 'Account 222222222222');
    assert.ok(a && !a.allowed.includes(ALL_ECR_ACTIONS) && !a.allowed.includes('ecr:DeleteRepository') && !a.allowed.includes('ecr:PutImage'));
    assert.ok(a.allowed.includes('ecr:BatchGetImage'));
    assert.ok(a.denied.includes('ecr:DeleteRepository'));
    assert.deepEqual(row(s, 'Account 333333333333')?.allowed, ['ecr:BatchGetImage']);
    assert.deepEqual(row(s, EVERYONE)?.denied, ['ecr:PutImage']);
  });

  it('a conditioned Deny does not take the Allow away; it is listed with its condition', () => {
    const s = summary(
      { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
      { Effect: 'Deny', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { Bool: { 'aws:SecureTransport': false } } },
    );
    assert.deepEqual(s.rows.map((r) => [r.principal, r.allowed, r.denied, r.conditions]), [
      [EVERYONE, ['ecr:BatchGetImage'], [], ''],
      [EVERYONE, [], ['ecr:BatchGetImage'], 'Bool aws:SecureTransport = false'],
    ]);
  });

  it('names conditions (organisation pull)', () => {
    const s = summary({ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc1234567', 'o-def1234567'] } } });
    assert.equal(s.rows[0]?.conditions, 'StringEquals aws:PrincipalOrgID = o-abc1234567 or o-def1234567');
  });

  it('NotAction grants every ECR action but those; NotPrincipal is reported as not understood', () => {
    const s = summary(
      { Sid: 'AllButDelete', Effect: 'Allow', Principal: { AWS: '222222222222' }, NotAction: ['ecr:Delete*', 'ecr:BatchDeleteImage'] },
      { Sid: 'Odd', Effect: 'Deny', NotPrincipal: { AWS: '222222222222' }, Action: 'ecr:*' },
    );
    const allowed = row(s, 'Account 222222222222')?.allowed ?? [];
    assert.ok(allowed.includes('ecr:PutImage') && !allowed.includes('ecr:DeleteRepository') && !allowed.includes('ecr:BatchDeleteImage'));
    assert.deepEqual(s.notUnderstood, ['Statement "Odd" uses NotPrincipal (everyone except the named principals): not understood here; read the policy text.']);
  });

  it('keeps other services\' actions as written', () => {
    assert.deepEqual(row(summary({ Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'ecr:ListImages'] }), EVERYONE)?.allowed, ['ecr:ListImages', 'kms:Decrypt']);
  });

  it('escapes policy text in the markdown table (no HTML, links or extra columns)', () => {
    const md = accessMarkdown(summary({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/<img src=x>|[x](command:evil)' }, Action: 'ecr:ListImages' }));
    assert.ok(md.startsWith('| Principal | Allowed | Denied | Conditions |'));
    assert.ok(!md.includes('<img') && !md.includes('](command:'), md);
    assert.equal(md.split('\n')[2]?.split(/(?<!\\)\|/).length, 6, md);
    assert.equal(accessMarkdown({ rows: [], notUnderstood: [] }), 'The policy grants nothing.');
  });
});
