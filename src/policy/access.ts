// "Who can access": a policy document read as principal -> allowed / denied ECR actions, with the
// conditions that limit them. Computed from the text alone (no IAM simulation): identity policies
// of the principals' own accounts still apply on top.
import { ECR_ACTIONS, expandAction } from './ecrActions';
import { asList, type PolicyDocument, type PolicyStatement } from './document';

export const EVERYONE = 'Everyone (*)';
export const ALL_ECR_ACTIONS = 'ecr:* (all ECR actions)';

export interface AccessRow {
  readonly principal: string;
  /** Actions granted (after unconditioned denies of the same principal or everyone are taken out). */
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  /** The statement's conditions in words, e.g. `StringEquals aws:PrincipalOrgID = o-abc`; empty when none. */
  readonly conditions: string;
}

export interface AccessSummary {
  readonly rows: readonly AccessRow[];
  /** Statements the summary could not account for, in words. */
  readonly notUnderstood: readonly string[];
}

interface Grant {
  readonly principal: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: Set<string>;
  readonly conditions: string;
}

export function whoCanAccess(policy: PolicyDocument): AccessSummary {
  const notUnderstood: string[] = [];
  const grants: Grant[] = [];
  policy.Statement.forEach((statement, index) => {
    const name = statement.Sid ? `Statement "${statement.Sid}"` : `Statement ${index + 1}`;
    if (statement.NotPrincipal !== undefined) {
      notUnderstood.push(`${name} uses NotPrincipal (everyone except the named principals): not understood here; read the policy text.`);
      return;
    }
    const actions = actionsOf(statement);
    const conditions = conditionsOf(statement);
    for (const principal of principalsOf(statement)) grants.push({ principal, effect: statement.Effect, actions, conditions });
  });
  // A Deny without conditions wins over any Allow of the same principal (or of everyone).
  const hardDenies = grants.filter((g) => g.effect === 'Deny' && !g.conditions);
  const rows = new Map<string, { principal: string; conditions: string; allowed: Set<string>; denied: Set<string> }>();
  for (const grant of grants) {
    const key = `${grant.principal}\u0000${grant.conditions}`;
    const row = rows.get(key) ?? { principal: grant.principal, conditions: grant.conditions, allowed: new Set<string>(), denied: new Set<string>() };
    rows.set(key, row);
    const target = grant.effect === 'Allow' ? row.allowed : row.denied;
    for (const action of grant.actions) target.add(action);
  }
  for (const row of rows.values()) {
    for (const deny of hardDenies) {
      if (deny.principal !== EVERYONE && deny.principal !== row.principal) continue;
      for (const action of deny.actions) row.allowed.delete(action);
    }
  }
  return {
    rows: [...rows.values()].map((row) => ({ principal: row.principal, conditions: row.conditions, allowed: compact(row.allowed), denied: compact(row.denied) })),
    notUnderstood,
  };
}

/** Every action the statement names, wildcards expanded; NotAction as all ECR actions but those. */
function actionsOf(statement: PolicyStatement): Set<string> {
  if (statement.NotAction !== undefined) {
    const excluded = new Set(asList(statement.NotAction).flatMap((a) => expandAction(String(a))));
    return new Set(ECR_ACTIONS.filter((a) => !excluded.has(a)));
  }
  const actions = new Set<string>();
  for (const pattern of asList(statement.Action).map(String)) {
    const expanded = expandAction(pattern);
    // Another service's action (e.g. kms:Decrypt) is kept as written.
    for (const action of expanded.length > 0 ? expanded : [pattern]) actions.add(action);
  }
  return actions;
}

/** ECR's order; all ECR actions as one `ecr:*` entry. */
function compact(actions: Set<string>): string[] {
  const ecr = ECR_ACTIONS.filter((a) => actions.has(a));
  const others = [...actions].filter((a) => !ECR_ACTIONS.includes(a)).sort();
  return [...(ecr.length === ECR_ACTIONS.length ? [ALL_ECR_ACTIONS] : ecr), ...others];
}

function principalsOf(statement: PolicyStatement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === '*') return [EVERYONE];
  return Object.entries(principal).flatMap(([type, values]) => asList(values).map((value) => principalLabel(type, String(value))));
}

function principalLabel(type: string, value: string): string {
  if (value === '*') return EVERYONE;
  if (type === 'AWS') {
    const account = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/.exec(value);
    return account ? `Account ${account[1]}` : value;
  }
  if (type === 'Service') return `Service ${value}`;
  if (type === 'Federated') return `Federated ${value}`;
  return `${type} ${value}`;
}

function conditionsOf(statement: PolicyStatement): string {
  return Object.entries(statement.Condition ?? {})
    .flatMap(([operator, entries]) => Object.entries(entries).map(([key, values]) => `${operator} ${key} = ${asList(values).map(String).join(' or ')}`))
    .join(' and ');
}
