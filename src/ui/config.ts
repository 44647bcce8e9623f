import * as vscode from 'vscode';
import { ECR_ARCHIVE_PRICE_PER_GB_MONTH, ECR_STANDARD_PRICE_PER_GB_MONTH } from '../core/storage';

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
  readonly pageSize: number;
  readonly dockerHost: string;
  /** `ecr.docker.builder`: "auto" (BuildKit where the engine offers it), "buildkit" or "classic". */
  readonly dockerBuilder: 'auto' | 'buildkit' | 'classic';
  /** `ecr.build.rememberArgValues`: keep build arg values (not secret-looking ones) for the next run. */
  readonly rememberBuildArgValues: boolean;
  /** `ecr.storage.*`: prices (USD per GB-month) and the days after which an unpulled image counts as unused. */
  readonly storage: { readonly standardPerGbMonth: number; readonly archivePerGbMonth: number; readonly unpulledDays: number };
}

export const CONFIG_SECTION = 'ecr';

export function readConfig(scope?: vscode.ConfigurationScope): EcrConfig {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return {
    registries: c.get<RegistrySetting[]>('registries', []).filter(isRegistrySetting),
    regions: c.get<string[]>('regions', []).filter((r) => typeof r === 'string' && r.length > 0),
    pageSize: clamp(c.get<number>('pageSize', 100), 1, 1000),
    dockerHost: c.get<string>('docker.host', '').trim(),
    dockerBuilder: oneOf(c.get<string>('docker.builder', 'auto'), ['auto', 'buildkit', 'classic'] as const, 'auto'),
    rememberBuildArgValues: c.get<boolean>('build.rememberArgValues', false) === true,
    storage: {
      standardPerGbMonth: price(c.get<number>('storage.standardPricePerGbMonth'), ECR_STANDARD_PRICE_PER_GB_MONTH),
      archivePerGbMonth: price(c.get<number>('storage.archivePricePerGbMonth'), ECR_ARCHIVE_PRICE_PER_GB_MONTH),
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

function price(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
