// Ready-made policy statements. What the registry already knows (its account and region) is filled
// in; each template names only the values it still needs from the user.
import { PULL_ACTIONS, PUSH_ACTIONS } from './ecrActions';
import { asList, type PolicyStatement } from './document';

export type TemplateInput = 'accountId' | 'roleArn' | 'orgId';

export interface TemplateContext {
  /** The registry's own account and region. */
  readonly accountId: string;
  readonly region: string;
}

export interface PolicyTemplate {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly needs: readonly TemplateInput[];
  statement(values: Readonly<Record<TemplateInput, string>>, context: TemplateContext): PolicyStatement;
}

export const INPUT_PROMPTS: Readonly<Record<TemplateInput, { prompt: string; placeholder: string; check: (value: string) => string | undefined }>> = {
  accountId: {
    prompt: 'AWS account id that may access the repository',
    placeholder: '123456789012',
    check: (v) => (/^\d{12}$/.test(v) ? undefined : 'An AWS account id is 12 digits.'),
  },
  roleArn: {
    prompt: 'IAM role of the CI system: a role name in this account, or a role ARN',
    placeholder: 'ci-deploy or arn:aws:iam::123456789012:role/ci-deploy',
    check: (v) => (/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(v) || /^[\w+=,.@-]{1,64}$/.test(v) ? undefined : 'A role name (letters, digits, +=,.@_-) or arn:aws:iam::<account>:role/<name>.'),
  },
  orgId: {
    prompt: 'AWS Organizations id whose accounts may pull',
    placeholder: 'o-a1b2c3d4e5',
    check: (v) => (/^o-[a-z0-9]{10,32}$/.test(v) ? undefined : 'An organization id looks like o-a1b2c3d4e5 (o- and 10 to 32 lowercase letters or digits).'),
  },
};

const READ_ONLY_ACTIONS = [...PULL_ACTIONS, 'ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:DescribeImageScanFindings', 'ecr:ListTagsForResource'];

const accountRoot = (accountId: string): string => `arn:aws:iam::${accountId}:root`;

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'crossAccountPull',
    label: 'Cross-account pull',
    detail: 'Another AWS account may pull images.',
    needs: ['accountId'],
    statement: (v) => ({ Sid: `CrossAccountPull${v.accountId}`, Effect: 'Allow', Principal: { AWS: accountRoot(v.accountId) }, Action: [...PULL_ACTIONS] }),
  },
  {
    id: 'ciPush',
    label: 'CI role push',
    detail: 'A CI role may push (and pull) images.',
    needs: ['roleArn'],
    statement: (v, c) => ({
      Sid: 'CiPush',
      Effect: 'Allow',
      Principal: { AWS: v.roleArn.startsWith('arn:') ? v.roleArn : `arn:aws:iam::${c.accountId}:role/${v.roleArn}` },
      Action: [...PULL_ACTIONS, ...PUSH_ACTIONS],
    }),
  },
  {
    id: 'orgPull',
    label: 'Organisation-wide pull',
    detail: 'Every account of an AWS organisation may pull (aws:PrincipalOrgID).',
    needs: ['orgId'],
    statement: (v) => ({ Sid: 'OrganizationPull', Effect: 'Allow', Principal: '*', Action: [...PULL_ACTIONS], Condition: { StringEquals: { 'aws:PrincipalOrgID': v.orgId } } }),
  },
  {
    id: 'lambdaPull',
    label: 'AWS Lambda service pull',
    detail: "Lambda functions of this account may use the repository's images.",
    needs: [],
    statement: (_v, c) => ({
      Sid: 'LambdaECRImageRetrievalPolicy',
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Condition: { StringLike: { 'aws:sourceArn': `arn:aws:lambda:${c.region}:${c.accountId}:function:*` } },
    }),
  },
  {
    id: 'readOnlyAccount',
    label: 'Read-only for one account',
    detail: 'Another account may pull, list and describe images, and read scan findings.',
    needs: ['accountId'],
    statement: (v) => ({ Sid: `ReadOnly${v.accountId}`, Effect: 'Allow', Principal: { AWS: accountRoot(v.accountId) }, Action: READ_ONLY_ACTIONS }),
  },
];

/**
 * The policy text with `statement` added (replacing a statement with the same Sid), pretty-printed.
 * `current` undefined or blank: a new policy. Throws when `current` is not a JSON object.
 */
export function addStatement(current: string | undefined, statement: PolicyStatement): string {
  const policy: Record<string, unknown> = current?.trim() ? (JSON.parse(current) as Record<string, unknown>) : { Version: '2012-10-17' };
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new Error('The policy is not a JSON object.');
  const statements = asList(policy.Statement).filter((s) => !(statement.Sid && typeof s === 'object' && s !== null && (s as PolicyStatement).Sid === statement.Sid));
  return `${JSON.stringify({ Version: '2012-10-17', ...policy, Statement: [...statements, statement] }, null, 2)}\n`;
}
