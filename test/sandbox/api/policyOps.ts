// Repository and registry permission policies (Set/Get/DeleteRepositoryPolicy,
// Put/Get/DeleteRegistryPolicy), validated the way ECR does before it stores them.
import { EcrError, invalidParameter } from '../ecrError';
import type { RegistryState, Repository } from '../model';
import type { Operation } from './context';
import { requiredString, type Input } from './params';

/** ECR's limit on policyText (both operations): 10,240 characters. */
const POLICY_MAX = 10_240;

type Json = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * IAM's grammar for a resource policy: an object with a Statement (one or a list), each with
 * Effect Allow/Deny, a Principal (or NotPrincipal) and an Action (or NotAction).
 */
export function parsePolicy(text: string, field: string, kind: string): Json[] {
  const refuse = (why: string): EcrError => invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: 'Invalid ${kind} policy provided${why ? `: ${why}` : ''}'`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Statement' in parsed)) throw refuse('');
  const statements = asList((parsed as Json).Statement);
  if (statements.length === 0) throw refuse('');
  return statements.map((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse('');
    const statement = value as Json;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw refuse('Missing or invalid Effect');
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) throw refuse('Missing Principal');
    if (statement.Action === undefined && statement.NotAction === undefined) throw refuse('Missing Action');
    return statement;
  });
}

/** True when the action pattern (IAM wildcards, case-insensitive) covers `action`. */
function matches(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

/** A Deny for everyone, unconditioned, of the action that changes the policy: a lockout, refused without `force`. */
function locksOut(statements: Json[], action: string): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Deny' || s.Condition !== undefined || s.Principal === undefined) return false;
    const principal = s.Principal;
    const everyone = principal === '*' || (typeof principal === 'object' && principal !== null && asList((principal as Json).AWS).includes('*'));
    return everyone && asList(s.Action).some((a) => matches(a, action));
  });
}

function checkedPolicy(input: Input, kind: 'repository' | 'registry'): string {
  const text = requiredString(input, 'policyText', 0, POLICY_MAX);
  const statements = parsePolicy(text, 'PolicyText', kind);
  if (kind === 'repository' && input.force !== true && locksOut(statements, 'ecr:SetRepositoryPolicy')) {
    throw invalidParameter(
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'The repository policy would prevent you from setting another policy in the future; set force to apply it'",
    );
  }
  return text;
}

function repositoryPolicyOf(repo: Repository): string {
  if (repo.policyText === undefined) {
    throw new EcrError(
      'RepositoryPolicyNotFoundException',
      `Repository policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.registry.accountId}'`,
    );
  }
  return repo.policyText;
}

function registryPolicyOf(registry: RegistryState): string {
  if (registry.policyText === undefined) {
    throw new EcrError('RegistryPolicyNotFoundException', `Registry policy does not exist in the registry with id '${registry.accountId}'`);
  }
  return registry.policyText;
}

const setRepositoryPolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  repo.policyText = checkedPolicy(input, 'repository');
  return { registryId: repo.registry.accountId, repositoryName: repo.name, policyText: repo.policyText };
};

const getRepositoryPolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  return { registryId: repo.registry.accountId, repositoryName: repo.name, policyText: repositoryPolicyOf(repo) };
};

const deleteRepositoryPolicy: Operation = async (ctx, input) => {
  const repo = await ctx.repository(input);
  const policyText = repositoryPolicyOf(repo);
  repo.policyText = undefined;
  return { registryId: repo.registry.accountId, repositoryName: repo.name, policyText };
};

// The registry operations take no registryId: they act on the caller's own registry.
const ownRegistry = (ctx: Parameters<Operation>[0]): Promise<RegistryState> => ctx.state.ensureRegistry(ctx.caller.accountId, ctx.caller.region);

const putRegistryPolicy: Operation = async (ctx, input) => {
  const registry = await ownRegistry(ctx);
  registry.policyText = checkedPolicy(input, 'registry');
  return { registryId: registry.accountId, policyText: registry.policyText };
};

const getRegistryPolicy: Operation = async (ctx) => {
  const registry = await ownRegistry(ctx);
  return { registryId: registry.accountId, policyText: registryPolicyOf(registry) };
};

const deleteRegistryPolicy: Operation = async (ctx) => {
  const registry = await ownRegistry(ctx);
  const policyText = registryPolicyOf(registry);
  registry.policyText = undefined;
  return { registryId: registry.accountId, policyText };
};

export const policyOperations: Record<string, Operation> = {
  SetRepositoryPolicy: setRepositoryPolicy,
  GetRepositoryPolicy: getRepositoryPolicy,
  DeleteRepositoryPolicy: deleteRepositoryPolicy,
  PutRegistryPolicy: putRegistryPolicy,
  GetRegistryPolicy: getRegistryPolicy,
  DeleteRegistryPolicy: deleteRegistryPolicy,
};
