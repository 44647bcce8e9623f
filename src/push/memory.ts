// The build choices of each Dockerfile, remembered in workspaceState so the next run proposes
// them. Workspace state is a plain file on disk: build args are remembered by name only (the next
// run names them in its prompt), never with their values, whatever the name looks like.
import type * as vscode from 'vscode';

export interface RememberedChoices {
  readonly context?: string;
  readonly repositoryUri?: string;
  readonly tags?: readonly string[];
  /** Given to remember(); only the names are kept. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
}

export interface RecalledChoices extends Omit<RememberedChoices, 'buildArgs'> {
  /** The build args given last time, by name: the values are never stored. */
  readonly buildArgNames?: readonly string[];
}

/** What workspaceState holds; `buildArgs` (with values) only in entries written by older versions. */
interface Stored extends Omit<RememberedChoices, 'buildArgs'> {
  readonly buildArgNames?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
}

const KEY = 'ecr.buildTagPush:';

export function recall(state: vscode.Memento, dockerfile: string): RecalledChoices {
  const stored = state.get<Stored>(KEY + dockerfile);
  if (!stored) return {};
  const names = stored.buildArgNames ?? Object.keys(stored.buildArgs ?? {});
  const cleaned = toStored({ ...stored, buildArgs: undefined }, names);
  // An entry from an older version kept values in plain text: rewrite it without them.
  if (stored.buildArgs) void state.update(KEY + dockerfile, cleaned);
  const { buildArgs: _none, ...recalled } = cleaned;
  return recalled;
}

export async function remember(state: vscode.Memento, dockerfile: string, choices: RememberedChoices): Promise<void> {
  await state.update(KEY + dockerfile, toStored(choices, Object.keys(choices.buildArgs ?? {})));
}

function toStored(choices: RememberedChoices | Stored, names: readonly string[]): Stored {
  const { buildArgs: _values, ...rest } = choices;
  return { ...rest, buildArgNames: names.length > 0 ? [...names] : undefined };
}
