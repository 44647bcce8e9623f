// The build choices of each Dockerfile, remembered in workspaceState so the next run proposes
// them. Tokens are never involved; build args whose names look secret are not kept.
import type * as vscode from 'vscode';
import { looksSecret } from './dockerfileInfo';

export interface RememberedChoices {
  readonly context?: string;
  readonly repositoryUri?: string;
  readonly tags?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
}

const KEY = 'ecr.buildTagPush:';

export function recall(state: vscode.Memento, dockerfile: string): RememberedChoices {
  return state.get<RememberedChoices>(KEY + dockerfile) ?? {};
}

export async function remember(state: vscode.Memento, dockerfile: string, choices: RememberedChoices): Promise<void> {
  const buildArgs = Object.fromEntries(Object.entries(choices.buildArgs ?? {}).filter(([name]) => !looksSecret(name)));
  await state.update(KEY + dockerfile, { ...choices, buildArgs });
}
