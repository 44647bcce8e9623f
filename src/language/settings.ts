// The settings of the language features, read per document when needed (never cached).
import * as vscode from 'vscode';
import { Severity, toSeverity } from '../core/findings';
import { DIAGNOSTIC_KINDS, DiagnosticKind, DiagnosticSettings } from './diagnosticBuilder';

export interface LanguageSettings extends DiagnosticSettings {
  readonly cacheTtlMs: number;
}

export const DEFAULT_TTL_SECONDS = 300;

export function readLanguageSettings(scope?: vscode.ConfigurationScope): LanguageSettings {
  const c = vscode.workspace.getConfiguration('ecr', scope);
  const severity = toSeverity(c.get<string>('diagnostics.minimumSeverity', 'HIGH'));
  const enabledSetting = c.get<Partial<Record<DiagnosticKind, unknown>>>('diagnostics.enabled', {});
  const enabled = Object.fromEntries(DIAGNOSTIC_KINDS.map((kind) => [kind, enabledSetting?.[kind] !== false])) as Record<DiagnosticKind, boolean>;
  const ttl = c.get<number>('cache.ttlSeconds', DEFAULT_TTL_SECONDS);
  return {
    minimumSeverity: severity === 'UNDEFINED' ? ('HIGH' satisfies Severity) : severity,
    enabled,
    cacheTtlMs: Number.isFinite(ttl) && ttl >= 0 ? ttl * 1000 : DEFAULT_TTL_SECONDS * 1000,
  };
}
