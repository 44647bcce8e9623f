// Which registry rows the view shows: regions and profiles the user hid are left out, and
// discovered profiles that reach the same account and region are shown once, through one of
// them (the one the user picked, else the first that works). Pure: the model passes what it knows.
import type { RegistryEntry } from './nodes';

export interface RegistryRowSettings {
  readonly hiddenRegions?: readonly string[];
  readonly hiddenProfiles?: readonly string[];
}

/** What the extension remembers between sessions, so rows group before any network call. */
export interface RegistryMemory {
  /** The account a registry source reached last time. */
  account(sourceId: string): string | undefined;
  /** The source the user picked for a group (see `groupKey`). */
  preferred(groupKey: string): string | undefined;
  rememberAccount(sourceId: string, account: string): void;
  prefer(groupKey: string, sourceId: string): void;
}

export function isHidden(entry: RegistryEntry, settings: RegistryRowSettings): boolean {
  const { region, profile } = entry.source;
  return (settings.hiddenRegions ?? []).includes(region) || (profile !== undefined && (settings.hiddenProfiles ?? []).includes(profile));
}

/**
 * The account + region (+ endpoint) a discovered registry reaches, when known; undefined for
 * registries from `ecr.registries` (the user listed each on purpose) and unknown accounts.
 */
export function groupKey(entry: RegistryEntry, memory: RegistryMemory): string | undefined {
  const { source } = entry;
  if (source.origin === 'setting' || !source.region) return undefined;
  const account = entry.info?.accountId ?? source.accountHint ?? memory.account(source.id);
  return account ? `${account}|${source.region}|${source.endpoint ?? ''}` : undefined;
}

export function registryRows(entries: readonly RegistryEntry[], settings: RegistryRowSettings, memory: RegistryMemory): RegistryEntry[] {
  const groups = new Map<string, RegistryEntry[]>();
  const rows: (RegistryEntry | string)[] = [];
  for (const entry of entries) {
    if (isHidden(entry, settings)) continue;
    const key = groupKey(entry, memory);
    if (!key) {
      rows.push(entry);
      continue;
    }
    const members = groups.get(key);
    if (members) members.push(entry);
    else {
      groups.set(key, [entry]);
      rows.push(key);
    }
  }
  return rows.map((row) => (typeof row === 'string' ? oneRow(groups.get(row) ?? [], memory.preferred(row)) : row));
}

function oneRow(members: readonly RegistryEntry[], preferredId: string | undefined): RegistryEntry {
  // Stable while connecting (no row switching as answers arrive); a member that failed gives way.
  const shown = members.find((m) => m.source.id === preferredId) ?? members.find((m) => !m.problem) ?? members[0];
  const others = members.filter((m) => m !== shown).map((m) => m.source);
  return others.length > 0 ? { ...shown, sharedWith: others } : shown;
}

/** A memory that lasts as long as the process (benchmarks, and the model until one is given). */
export function transientRegistryMemory(): RegistryMemory {
  const accounts = new Map<string, string>();
  const preferences = new Map<string, string>();
  return {
    account: (id) => accounts.get(id),
    preferred: (key) => preferences.get(key),
    rememberAccount: (id, account) => void accounts.set(id, account),
    prefer: (key, id) => void preferences.set(key, id),
  };
}
