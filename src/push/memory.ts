// The build choices of each Dockerfile, remembered in workspaceState so the next run proposes
// them. Workspace state is a plain file on disk: build args are remembered by name only (the next
// run names them in its prompt); values only when the user asked for it (ecr.build.rememberArgValues),
// and never those of names that look secret.
import type * as vscode from 'vscode';
import { looksSecret } from './dockerfileInfo';

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
  /** The build args given last time, by name. */
  readonly buildArgNames?: readonly string[];
  /** Their values, where the user asked to keep them (never for secret-looking names). */
  readonly buildArgValues?: Readonly<Record<string, string>>;
}

/** What workspaceState holds; `buildArgs` (with values) only in entries written by older versions. */
interface Stored extends Omit<RememberedChoices, 'buildArgs'> {
  readonly buildArgNames?: readonly string[];
  readonly buildArgValues?: Readonly<Record<string, string>>;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

const KEY = 'ecr.buildTagPush:';

export function recall(state: vscode.Memento, dockerfile: string): RecalledChoices {
  const stored = state.get<Stored>(KEY + dockerfile);
  if (!stored) return {};
  const names = stored.buildArgNames ?? Object.keys(stored.buildArgs ?? {});
  const cleaned = toStored({ ...stored, buildArgs: undefined }, names, keepable(stored.buildArgValues ?? {}));
  // An entry from an older version kept values in plain text: rewrite it without them.
  if (stored.buildArgs) void state.update(KEY + dockerfile, cleaned);
  const { buildArgs: _none, ...recalled } = cleaned;
  return recalled;
}

/** `keepValues`: the user's ecr.build.rememberArgValues; secret-looking names never keep theirs. */
export async function remember(state: vscode.Memento, dockerfile: string, choices: RememberedChoices, keepValues = false): Promise<void> {
  const args = choices.buildArgs ?? {};
  await state.update(KEY + dockerfile, toStored(choices, Object.keys(args), keepValues ? keepable(args) : {}));
}

function keepable(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !looksSecret(name)));
}

function toStored(choices: RememberedChoices | Stored, names: readonly string[], values: Readonly<Record<string, string>>): Stored {
  const { buildArgs: _given, buildArgValues: _kept, ...rest } = choices as Stored;
  return { ...rest, ...(names.length > 0 && { buildArgNames: [...names] }), ...(Object.keys(values).length > 0 && { buildArgValues: values }) };
}
