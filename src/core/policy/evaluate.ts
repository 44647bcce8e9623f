// Judges the image references of one file against the policy. Pure: the facts about each image
// (digest, push date, scan, findings, repository settings) are gathered beforehand by the caller,
// asking ECR only for what `factsNeeded` says the file's rules need.
import { atLeast, formatCounts, severityCounts, type Finding } from '../findings';
import type { ImageRef } from '../imageRef';
import type { TextRange } from '../scanners/types';
import { isSigned, type SigningFacts } from '../referrers';
import { globMatches } from './glob';
import type { Policy, PolicyProblem, PolicyRule, Suppression } from './types';

export type ImageState =
  /** Not an image the gate can look up (not ECR): only rules on what is written apply. */
  | { readonly kind: 'notLookedUp' }
  /** An ECR image that could not be looked up (not found, no access...). */
  | { readonly kind: 'unavailable'; readonly reason: string }
  | {
      readonly kind: 'found';
      readonly repository: string;
      /** `repo:tag` or `repo@sha256:...`, for messages. */
      readonly name: string;
      readonly digest: string;
      readonly pushedAt?: Date;
      readonly scan?: { readonly status?: string; readonly description?: string; readonly completedAt?: Date };
      /** Loaded when a maxSeverity rule applies; undefined when they could not be. */
      readonly findings?: readonly Finding[];
      /** Loaded when an immutableTags rule applies; undefined when unknown. */
      readonly immutableTags?: boolean;
      /** Loaded when a signed rule applies. */
      readonly signing?: SigningFacts;
    };

export interface ReferenceFacts {
  readonly range: TextRange;
  /** As written in the file. */
  readonly text: string;
  /** Parsed (after variable substitution); undefined for a reference the gate cannot read. */
  readonly ref?: ImageRef;
  /** Account of the ECR registry, when known. */
  readonly accountId?: string;
  readonly state: ImageState;
}

export interface Violation {
  readonly rule: PolicyRule;
  readonly range: TextRange;
  readonly message: string;
  /** The digest to pin to, when pinning fixes it. */
  readonly pinDigest?: string;
}

export interface SuppressedFindings {
  readonly range: TextRange;
  readonly findings: readonly Finding[];
}

export interface FileEvaluation {
  readonly violations: readonly Violation[];
  readonly suppressed: readonly SuppressedFindings[];
}

const DAY_MS = 86_400_000;

export function rulesFor(policy: Policy, relativePath: string): PolicyRule[] {
  return policy.rules.filter((rule) => rule.files.some((glob) => globMatches(glob, relativePath)));
}

/** What must be asked of ECR for a file, beyond DescribeImages. */
export function factsNeeded(policy: Policy, relativePath: string): { readonly findings: boolean; readonly repository: boolean; readonly signing: boolean } {
  const rules = rulesFor(policy, relativePath);
  return { findings: rules.some((r) => r.kind === 'maxSeverity'), repository: rules.some((r) => r.kind === 'immutableTags'), signing: rules.some((r) => r.kind === 'signed') };
}

export function evaluateFile(policy: Policy, relativePath: string, references: readonly ReferenceFacts[], now: Date): FileEvaluation {
  const rules = rulesFor(policy, relativePath);
  const violations: Violation[] = [];
  const suppressed: SuppressedFindings[] = [];
  for (const reference of references) {
    if (!reference.ref) continue;
    for (const rule of rules) {
      const judged = judge(rule, reference, reference.ref, policy.suppressions, now);
      if (judged.suppressed.length > 0) suppressed.push({ range: reference.range, findings: judged.suppressed });
      if (judged.message) violations.push({ rule, range: reference.range, message: `${judged.message} (policy rule ${rule.kind})`, ...(judged.pinDigest && { pinDigest: judged.pinDigest }) });
    }
  }
  return { violations, suppressed };
}

interface Judgement {
  readonly message?: string;
  readonly pinDigest?: string;
  readonly suppressed: readonly Finding[];
}

const PASS: Judgement = { suppressed: [] };

function judge(rule: PolicyRule, reference: ReferenceFacts, ref: ImageRef, suppressions: readonly Suppression[], now: Date): Judgement {
  const state = reference.state;
  const fail = (message: string): Judgement => ({ message, suppressed: [] });
  switch (rule.kind) {
    case 'pinnedByDigest':
      if (ref.digest) return PASS;
      return { message: `${reference.text} is not pinned by digest`, pinDigest: state.kind === 'found' ? state.digest : undefined, suppressed: [] };
    case 'allowed':
      return allowedProblem(rule, ref, reference.accountId) ? fail(allowedProblem(rule, ref, reference.accountId) as string) : PASS;
    default:
      break;
  }
  if (state.kind === 'notLookedUp') return PASS;
  if (state.kind === 'unavailable') return fail(`${reference.text} cannot be checked: ${state.reason}`);
  switch (rule.kind) {
    case 'maxImageAgeDays': {
      const age = daysSince(state.pushedAt, now);
      if (age === undefined) return fail(`${state.name} has no push date`);
      return age > rule.days ? fail(`${state.name} was pushed ${age} days ago, more than ${rule.days}`) : PASS;
    }
    case 'scan':
      return scanProblem(rule.maxAgeDays, state, now) ? fail(scanProblem(rule.maxAgeDays, state, now) as string) : PASS;
    case 'signed':
      if (state.signing && isSigned(state.signing)) return PASS;
      return fail(`${state.name} is not signed${state.signing?.signaturesProblem ? ` (${state.signing.signaturesProblem})` : signingStatusNote(state.signing)}`);
    case 'immutableTags':
      if (state.immutableTags === undefined) return fail(`the tag mutability of repository ${state.repository} is unknown`);
      return state.immutableTags ? PASS : fail(`repository ${state.repository} has mutable tags`);
    case 'maxSeverity': {
      const status = state.scan?.status;
      if (status !== 'COMPLETE' && status !== 'ACTIVE') return fail(`${state.name} has no completed scan to check findings against`);
      if (!state.findings) return fail(`the findings of ${state.name} could not be read`);
      const over = state.findings.filter((f) => atLeast(f.severity, rule.severity) && (!rule.fixAvailableOnly || hasFix(f)));
      const suppressedHere = over.filter((f) => suppressions.some((s) => suppresses(s, f, state.repository, reference, now)));
      const counted = over.filter((f) => !suppressedHere.includes(f));
      if (counted.length === 0) return { suppressed: suppressedHere };
      const fix = rule.fixAvailableOnly ? ' with a fix available' : '';
      const also = suppressedHere.length > 0 ? `; ${suppressedHere.length} suppressed` : '';
      const noun = counted.length === 1 ? 'finding' : 'findings';
      return { message: `${counted.length} ${noun} at ${rule.severity} or above${fix} in ${state.name} (${formatCounts(severityCounts(counted))})${also}`, suppressed: suppressedHere };
    }
  }
}

/** ", managed signing IN_PROGRESS" when ECR reports a status that is not COMPLETE. */
function signingStatusNote(signing: SigningFacts | undefined): string {
  const statuses = (signing?.statuses ?? []).map((s) => s.status ?? 'unknown');
  return statuses.length > 0 ? `; managed signing ${[...new Set(statuses)].join(', ')}` : '';
}

function scanProblem(maxAgeDays: number | undefined, state: Extract<ImageState, { kind: 'found' }>, now: Date): string | undefined {
  const status = state.scan?.status;
  if (status === undefined) return `${state.name} has not been scanned`;
  if (status !== 'COMPLETE' && status !== 'ACTIVE') return `the scan of ${state.name} is not complete (${status})`;
  if (maxAgeDays === undefined) return undefined;
  const age = daysSince(state.scan?.completedAt, now);
  if (age === undefined) return `the scan of ${state.name} has no completion date`;
  return age > maxAgeDays ? `the scan of ${state.name} is ${age} days old, more than ${maxAgeDays}` : undefined;
}

function allowedProblem(rule: Extract<PolicyRule, { kind: 'allowed' }>, ref: ImageRef, accountId: string | undefined): string | undefined {
  const host = ref.host ?? 'docker.io';
  if (rule.registries && !rule.registries.some((glob) => globMatches(glob, host))) return `registry ${host} is not allowed`;
  if (rule.accounts && !(accountId && rule.accounts.includes(accountId))) return accountId ? `account ${accountId} is not allowed` : `${host} is not a registry of an allowed account`;
  if (rule.repositories && !rule.repositories.some((glob) => globMatches(glob, ref.path))) return `repository ${ref.path} is not allowed`;
  return undefined;
}

function hasFix(finding: Finding): boolean {
  return finding.fixedIn !== undefined && finding.fixedIn !== '';
}

/** Whether a suppression still applies on `now`'s UTC date (the day of `expires` included). */
export function isExpired(suppression: Suppression, now: Date): boolean {
  return now.toISOString().slice(0, 10) > suppression.expires;
}

function suppresses(suppression: Suppression, finding: Finding, repository: string, reference: ReferenceFacts, now: Date): boolean {
  if (isExpired(suppression, now) || suppression.cve.toLowerCase() !== finding.id.toLowerCase()) return false;
  if (suppression.repository && !globMatches(suppression.repository, repository)) return false;
  if (suppression.image && !globMatches(suppression.image, reference.text)) return false;
  return true;
}

/** Warnings for the policy file itself: suppressions past their expiry. */
export function expiredSuppressions(policy: Policy, now: Date): PolicyProblem[] {
  return policy.suppressions
    .filter((s) => isExpired(s, now))
    .map((s) => ({ range: s.range, severity: 'warning', message: `The suppression of ${s.cve} expired on ${s.expires}; it no longer applies.` }));
}

function daysSince(date: Date | undefined, now: Date): number | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return Math.floor((now.getTime() - date.getTime()) / DAY_MS);
}
