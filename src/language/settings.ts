// The settings of the language features, read per document when needed (never cached).
import * as vscode from 'vscode';
import { Severity, toSeverity } from '../core/findings';
import { DIAGNOSTIC_KINDS, DiagnosticKind, DiagnosticSettings } from './diagnosticBuilder';

export type LanguageSettings = DiagnosticSettings;

export function readLanguageSettings(scope?: vscode.ConfigurationScope): LanguageSettings {
  const c = vscode.workspace.getConfiguration('ecr', scope);
  const severity = toSeverity(c.get<string>('diagnostics.minimumSeverity', 'HIGH'));
  const enabledSetting = c.get<Partial<Record<DiagnosticKind, unknown>>>('diagnostics.enabled', {});
  const enabled = Object.fromEntries(DIAGNOSTIC_KINDS.map((kind) => [kind, enabledSetting?.[kind] !== false])) as Record<DiagnosticKind, boolean>;
  return {
    minimumSeverity: severity === 'UNDEFINED' ? ('HIGH' satisfies Severity) : severity,
    enabled,
    newerImage: c.get<boolean>('diagnostics.newerImage', false) === true,
  };
}
