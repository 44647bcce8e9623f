// ECR managed signing, as far as the sandbox can know it: a registry's signing configuration
// (rules naming an AWS Signer profile, with WILDCARD_MATCH repository filters) and each image's
// signing status, decided from what the registry really holds. The sandbox runs no AWS Signer:
// an image a rule covers is IN_PROGRESS until a Notation signature referrer of it is pushed
// (e.g. with `pushReferrer` in seed/referrers.ts), then COMPLETE.
import type { RegistryState, Repository, SandboxState } from './model';
import { referrersOf } from './referrers';

/** The artifact type of a Notation signature (notaryproject.dev), the format ECR managed signing writes. */
export const NOTATION_SIGNATURE = 'application/vnd.cncf.notary.signature';

export interface SigningRepositoryFilter {
  readonly filter: string;
  readonly filterType: 'WILDCARD_MATCH';
}

export interface SigningRule {
  readonly signingProfileArn: string;
  readonly repositoryFilters?: readonly SigningRepositoryFilter[];
}

export interface ImageSigningStatus {
  readonly signingProfileArn: string;
  readonly status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
}

const registryKey = (registry: { accountId: string; region: string }): string => `${registry.accountId}/${registry.region}`;

export class SigningState {
  private readonly configurations = new Map<string, readonly SigningRule[]>();

  rulesOf(registry: RegistryState): readonly SigningRule[] | undefined {
    return this.configurations.get(registryKey(registry));
  }

  setRules(registry: RegistryState, rules: readonly SigningRule[] | undefined): void {
    if (rules) this.configurations.set(registryKey(registry), rules);
    else this.configurations.delete(registryKey(registry));
  }

  /** One status per distinct signing profile of the rules that cover the repository (none: no rule does). */
  statusesOf(state: SandboxState, repo: Repository, digest: string): ImageSigningStatus[] {
    const profiles = new Set((this.rulesOf(repo.registry) ?? []).filter((rule) => covers(rule, repo.name)).map((rule) => rule.signingProfileArn));
    const signed = referrersOf(state, repo, digest, [NOTATION_SIGNATURE]).length > 0;
    return [...profiles].map((signingProfileArn) => ({ signingProfileArn, status: signed ? 'COMPLETE' : 'IN_PROGRESS' }));
  }
}

/** No filters: every repository; `*` in a filter matches any sequence of characters. */
function covers(rule: SigningRule, repositoryName: string): boolean {
  const filters = rule.repositoryFilters ?? [];
  return filters.length === 0 || filters.some((f) => wildcard(f.filter).test(repositoryName));
}

const wildcard = (filter: string): RegExp => new RegExp(`^${filter.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);

const signings = new WeakMap<SandboxState, SigningState>();

export function signingOf(state: SandboxState): SigningState {
  let signing = signings.get(state);
  if (!signing) {
    signing = new SigningState();
    signings.set(state, signing);
  }
  return signing;
}
