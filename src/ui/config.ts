import * as vscode from 'vscode';
import { ECR_ARCHIVE_PRICE_PER_GB_MONTH, ECR_STANDARD_PRICE_PER_GB_MONTH } from '../core/storage';
import { parseStages, type StagesSetting } from '../core/promotion';

/** One entry of the `ecr.registries` setting. */
export interface RegistrySetting {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly label?: string;
}

/** The typed view of the `ecr` settings. Read it when needed; never cache it across changes. */
export interface EcrConfig {
  readonly registries: readonly RegistrySetting[];
  readonly regions: readonly string[];
  /** `ecr.explorer.hiddenRegions` / `hiddenProfiles`: registry rows the view leaves out. */
  readonly hiddenRegions: readonly string[];
  readonly hiddenProfiles: readonly string[];
  readonly pageSize: number;
  readonly dockerHost: string;
  /** `ecr.docker.certPath`: the TLS folder (ca.pem, cert.pem, key.pem) for `dockerHost`. */
  readonly dockerCertPath: string;
  /** `ecr.docker.builder`: "auto" (BuildKit where the engine offers it), "buildkit" or "classic". */
  readonly dockerBuilder: 'auto' | 'buildkit' | 'classic';
  /** `ecr.build.rememberArgValues`: keep build arg values (not secret-looking ones) for the next run. */
  readonly rememberBuildArgValues: boolean;
  /** `ecr.cache.ttlSeconds`, in ms: how long image answers (hovers, diagnostics) are kept. */
  readonly cacheTtlMs: number;
  /** `ecr.storage.*`: prices (USD per GB-month) and the days after which an unpulled image counts as unused. */
  readonly storage: { readonly standardPerGbMonth: number; readonly archivePerGbMonth: number; readonly unpulledDays: number };
}

const DEFAULT_TTL_SECONDS = 300;

export const CONFIG_SECTION = 'ecr';

export function readConfig(scope?: vscode.ConfigurationScope): EcrConfig {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return {
    registries: c.get<RegistrySetting[]>('registries', []).filter(isRegistrySetting),
    regions: strings(c.get<unknown>('regions')),
    hiddenRegions: strings(c.get<unknown>('explorer.hiddenRegions')),
    hiddenProfiles: strings(c.get<unknown>('explorer.hiddenProfiles')),
    pageSize: clamp(c.get<number>('pageSize', 100), 1, 1000),
    dockerHost: c.get<string>('docker.host', '').trim(),
    dockerCertPath: c.get<string>('docker.certPath', '').trim(),
    dockerBuilder: oneOf(c.get<string>('docker.builder', 'auto'), ['auto', 'buildkit', 'classic'] as const, 'auto'),
    rememberBuildArgValues: c.get<boolean>('build.rememberArgValues', false) === true,
    cacheTtlMs: nonNegative(c.get<number>('cache.ttlSeconds', DEFAULT_TTL_SECONDS), DEFAULT_TTL_SECONDS) * 1000,
    storage: {
      standardPerGbMonth: nonNegative(c.get<number>('storage.standardPricePerGbMonth'), ECR_STANDARD_PRICE_PER_GB_MONTH),
      archivePerGbMonth: nonNegative(c.get<number>('storage.archivePricePerGbMonth'), ECR_ARCHIVE_PRICE_PER_GB_MONTH),
      unpulledDays: clamp(c.get<number>('storage.unpulledDays', 90), 1, 10_000),
    },
  };
}

/** Calls `listener` when one of the given settings (e.g. "registries" for `ecr.registries`) changes. */
export function onConfigChange(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((key) => e.affectsConfiguration(`${CONFIG_SECTION}.${key}`))) listener();
  });
}

function isRegistrySetting(value: unknown): value is RegistrySetting {
  return typeof value === 'object' && value !== null && typeof (value as RegistrySetting).region === 'string';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

/** A setting that must be a finite number >= 0 (seconds, prices), else its default. */
function nonNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** `ecr.promotion.stages`, read (entries that cannot be read are left out, with why). */
export function readPromotionStages(): StagesSetting {
  return parseStages(vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>('promotion.stages'));
}
