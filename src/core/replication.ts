// Registry replication rules: ECR's limits checked before PutReplicationConfiguration, and the
// words the explorer shows for rules and per-destination status. No vscode, no SDK import.

export interface ReplicationDestinationSpec {
  readonly region: string;
  readonly registryId: string;
}

export interface ReplicationRuleSpec {
  readonly destinations: readonly ReplicationDestinationSpec[];
  readonly repositoryFilters?: readonly { readonly filter: string; readonly filterType: 'PREFIX_MATCH' }[];
}

export interface ReplicationStatusSpec {
  readonly region?: string;
  readonly registryId?: string;
  readonly status?: string;
  readonly failureCode?: string;
}

/** ECR's limits: 10 rules, 100 filters per rule, 25 destinations in all (the service quota). */
export const REPLICATION_LIMITS = { rules: 10, filtersPerRule: 100, totalDestinations: 25 } as const;
const REGION = /^[0-9a-z-]{2,25}$/;
const ACCOUNT = /^[0-9]{12}$/;
const FILTER = /^[a-z0-9]+(?:[._-][a-z0-9]*)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]*)*)*$/;

/** "eu-west-1/222222222222, us-west-2" (account defaults to the source's) -> destinations, or the reason it is refused. */
export function parseDestinations(text: string, sourceAccount: string): ReplicationDestinationSpec[] | string {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return 'Name at least one destination: region or region/account, e.g. eu-west-1/222222222222.';
  const destinations: ReplicationDestinationSpec[] = [];
  for (const part of parts) {
    const [region, registryId = sourceAccount, extra] = part.split('/').map((s) => s.trim());
    if (extra !== undefined || !REGION.test(region)) return `"${part}" is not a region or region/account (e.g. eu-west-1/222222222222).`;
    if (!ACCOUNT.test(registryId)) return `"${registryId}" is not a 12-digit AWS account id.`;
    destinations.push({ region, registryId });
  }
  return destinations;
}

/** "team-a/, web" -> PREFIX_MATCH filters (none: every repository), or the reason it is refused. */
export function parseFilters(text: string): NonNullable<ReplicationRuleSpec['repositoryFilters']> | string {
  const prefixes = text.split(',').map((part) => part.trim()).filter(Boolean);
  for (const prefix of prefixes) {
    if (prefix.length < 2 || prefix.length > 256 || !FILTER.test(prefix)) {
      return `"${prefix}" is not a repository name prefix ECR accepts (2-256 lowercase letters, digits, . _ - and / between parts).`;
    }
  }
  return prefixes.map((filter) => ({ filter, filterType: 'PREFIX_MATCH' as const }));
}

/** Why ECR would refuse these rules, or undefined; checked before the call. */
export function replicationRulesProblem(rules: readonly ReplicationRuleSpec[], source: { accountId: string; region: string }): string | undefined {
  if (rules.length > REPLICATION_LIMITS.rules) return `A registry can have at most ${REPLICATION_LIMITS.rules} replication rules.`;
  let total = 0;
  for (const [i, rule] of rules.entries()) {
    if (rule.destinations.length === 0) return `Rule ${i + 1} has no destination.`;
    if ((rule.repositoryFilters?.length ?? 0) > REPLICATION_LIMITS.filtersPerRule) return `Rule ${i + 1} has more than ${REPLICATION_LIMITS.filtersPerRule} repository filters.`;
    for (const d of rule.destinations) {
      if (d.region === source.region && d.registryId === source.accountId) return `Rule ${i + 1} replicates to its own registry (${d.region}, ${d.registryId}).`;
    }
    total += rule.destinations.length;
  }
  if (total > REPLICATION_LIMITS.totalDestinations) return `The rules name ${total} destinations; ECR allows at most ${REPLICATION_LIMITS.totalDestinations} in all.`;
  return undefined;
}

export function destinationText(d: { region?: string; registryId?: string }): string {
  return `${d.region ?? '?'} (${d.registryId ?? '?'})`;
}

/** One line per rule: "→ eu-west-1 (222222222222)" and its filters. */
export function ruleLabel(rule: ReplicationRuleSpec): { label: string; description: string } {
  const filters = rule.repositoryFilters ?? [];
  return {
    label: `→ ${rule.destinations.map(destinationText).join(', ')}`,
    description: filters.length === 0 ? 'all repositories' : `repositories starting with ${filters.map((f) => f.filter).join(', ')}`,
  };
}

/** "eu-west-1 (222222222222): COMPLETE", with the failure's reason. */
export function replicationStatusLines(statuses: readonly ReplicationStatusSpec[]): string[] {
  return statuses.map((s) => `${destinationText(s)}: ${s.status ?? 'UNKNOWN'}${s.status === 'FAILED' && s.failureCode ? ` — ${s.failureCode}` : ''}`);
}
