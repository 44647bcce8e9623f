// The `ecr.explorer.hiddenRegions` and `hiddenProfiles` settings, changed in the user's settings.
import * as vscode from 'vscode';
import { CONFIG_SECTION, readConfig } from './config';

export type HiddenKind = 'Regions' | 'Profiles';

export async function setHidden(kind: HiddenKind, values: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update(`explorer.hidden${kind}`, values.length > 0 ? [...new Set(values)] : undefined, vscode.ConfigurationTarget.Global);
}

export function hidden(kind: HiddenKind): readonly string[] {
  const config = readConfig();
  return kind === 'Regions' ? config.hiddenRegions : config.hiddenProfiles;
}
