// Command links for hovers and diagnostics, built in one place so arguments are always encoded
// the same way and every linked command is one the hover trusts. No vscode import (unit-tested).

/** The commands the language features link to; hovers trust exactly these. */
export const LANGUAGE_COMMANDS = {
  showFindings: 'ecr.showImageFindings',
  scan: 'ecr.scanImage',
  reveal: 'ecr.revealInExplorer',
  copyDigest: 'ecr.copyImageDigest',
  checkWorkspace: 'ecr.checkWorkspace',
} as const;

export type LanguageCommand = (typeof LANGUAGE_COMMANDS)[keyof typeof LANGUAGE_COMMANDS];

export const LINKED_COMMANDS: readonly LanguageCommand[] = [
  LANGUAGE_COMMANDS.showFindings,
  LANGUAGE_COMMANDS.scan,
  LANGUAGE_COMMANDS.reveal,
  LANGUAGE_COMMANDS.copyDigest,
];

/** An image as plain JSON, so it survives a command URI: which registry, repository and digest. */
export interface ImageTarget {
  /** RegistrySource.id of the registry that holds the image. */
  readonly registryId: string;
  /** Set when the image is in another account's registry, read through `registryId`'s credentials. */
  readonly registryAccountId?: string;
  readonly repository: string;
  readonly digest: string;
  readonly tag?: string;
}

/** `command:<id>?<encoded JSON array of arguments>`, as VS Code parses command URIs. */
export function commandUri(command: LanguageCommand, ...args: readonly unknown[]): string {
  // encodeURIComponent leaves ( ) ' ! * alone; ")" from an argument would end a markdown link.
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

/** A markdown link to one of our commands; the label must already be markdown-safe. */
export function commandLink(safeLabel: string, command: LanguageCommand, ...args: readonly unknown[]): string {
  return `[${safeLabel}](${commandUri(command, ...args)})`;
}

/** Reads an ImageTarget back from a command argument; undefined for anything else. */
export function asImageTarget(value: unknown): ImageTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
  if (!str(v.registryId) || !str(v.repository) || !str(v.digest)) return undefined;
  const target: ImageTarget = { registryId: v.registryId, repository: v.repository, digest: v.digest, tag: str(v.tag) ? v.tag : undefined };
  return str(v.registryAccountId) ? { ...target, registryAccountId: v.registryAccountId } : target;
}
