// A policy document's text checked before it goes to ECR: the reasons ECR (or IAM) would refuse
// it, in words, so the user fixes them in the editor instead of reading a generic API error.
import { expandAction, isEcrPattern } from './ecrActions';

/** ECR's limit on a repository or registry policy's text. */
export const POLICY_TEXT_MAX = 10_240;

export type PolicyValue = string | string[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, PolicyValue>;
  readonly NotPrincipal?: '*' | Record<string, PolicyValue>;
  readonly Action?: PolicyValue;
  readonly NotAction?: PolicyValue;
  readonly Condition?: Record<string, Record<string, PolicyValue | boolean | number>>;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

export type PolicyCheck = { readonly ok: true; readonly policy: PolicyDocument } | { readonly ok: false; readonly problems: readonly string[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Parses and checks `text`; every problem found is named (statements by Sid or position). */
export function checkPolicy(text: string): PolicyCheck {
  if (text.length > POLICY_TEXT_MAX) return { ok: false, problems: [`The policy has ${text.length} characters; ECR accepts at most ${POLICY_TEXT_MAX}.`] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The policy is not valid JSON: ${(error as Error).message}`] };
  }
  if (!isObject(parsed)) return { ok: false, problems: ['The policy must be a JSON object with a "Statement".'] };
  if (parsed.Statement === undefined) return { ok: false, problems: ['The policy has no "Statement".'] };
  const statements = asList(parsed.Statement);
  if (statements.length === 0) return { ok: false, problems: ['The policy\'s "Statement" is empty.'] };
  const problems = statements.flatMap((statement, index) => statementProblems(statement, index));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, policy: { Version: typeof parsed.Version === 'string' ? parsed.Version : undefined, Statement: statements as PolicyStatement[] } };
}

function statementProblems(value: unknown, index: number): string[] {
  if (!isObject(value)) return [`Statement ${index + 1} is not an object.`];
  const name = typeof value.Sid === 'string' && value.Sid ? `Statement "${value.Sid}"` : `Statement ${index + 1}`;
  const problems: string[] = [];
  if (value.Effect === undefined) problems.push(`${name} has no "Effect" (Allow or Deny).`);
  else if (value.Effect !== 'Allow' && value.Effect !== 'Deny') problems.push(`${name}: "Effect" must be "Allow" or "Deny", not ${JSON.stringify(value.Effect)}.`);
  if (value.Principal === undefined && value.NotPrincipal === undefined) problems.push(`${name} has no "Principal" (who it applies to; "*" for everyone).`);
  if (value.Action === undefined && value.NotAction === undefined) problems.push(`${name} has no "Action".`);
  for (const key of ['Action', 'NotAction'] as const) {
    for (const action of asList(value[key])) {
      if (typeof action !== 'string') problems.push(`${name}: every "${key}" must be a string.`);
      else if (isEcrPattern(action) && expandAction(action).length === 0) problems.push(`${name}: "${action}" is not an ECR action.`);
    }
  }
  return problems;
}
