// The production gate's policy (`.ecr-policy.yaml`) as plain data: rules scoped by file globs,
// and suppressions of findings. Positions are kept so problems can point at the policy's lines.
import type { Severity } from '../findings';
import type { TextRange } from '../scanners/types';

export const POLICY_FILE_NAME = '.ecr-policy.yaml';

/** The key that makes a rule what it is; also the diagnostic code of its violations. */
export type RuleKind = 'pinnedByDigest' | 'maxSeverity' | 'scan' | 'maxImageAgeDays' | 'allowed' | 'immutableTags' | 'signed';
export const RULE_KINDS: readonly RuleKind[] = ['pinnedByDigest', 'maxSeverity', 'scan', 'maxImageAgeDays', 'allowed', 'immutableTags', 'signed'];

export type RuleSpec =
  | { readonly kind: 'pinnedByDigest' }
  | { readonly kind: 'maxSeverity'; readonly severity: Severity; readonly fixAvailableOnly: boolean }
  | { readonly kind: 'scan'; readonly maxAgeDays?: number }
  | { readonly kind: 'maxImageAgeDays'; readonly days: number }
  | { readonly kind: 'allowed'; readonly registries?: readonly string[]; readonly accounts?: readonly string[]; readonly repositories?: readonly string[] }
  | { readonly kind: 'immutableTags' }
  | { readonly kind: 'signed' };

export type PolicyRule = RuleSpec & {
  /** Globs of workspace-relative paths; `**` when the rule names none. */
  readonly files: readonly string[];
  /** Where the rule's key is written in the policy file (for links from violations). */
  readonly range: TextRange;
};

export interface Suppression {
  readonly cve: string;
  readonly repository?: string;
  readonly image?: string;
  readonly reason: string;
  /** The last day it applies, `YYYY-MM-DD` (UTC). */
  readonly expires: string;
  /** Where `expires` is written: an expired suppression is reported there. */
  readonly range: TextRange;
}

export interface Policy {
  readonly rules: readonly PolicyRule[];
  readonly suppressions: readonly Suppression[];
}

export interface PolicyProblem {
  readonly range: TextRange;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A policy with errors is not used at all: the gate does not guess what was meant. */
export type ParsedPolicy =
  | { readonly ok: true; readonly policy: Policy; readonly problems: readonly PolicyProblem[] }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };
