// Text from outside (registry and engine errors, Dockerfile steps, names) shown in a notification
// or a progress message. VS Code turns `[label](command:…)` (and http/file targets) in those into
// live links, so a registry's error text could otherwise run a command in one click.

/** Longest text a notification shows; the whole text goes to the log. */
export const NOTIFICATION_MAX_LENGTH = 300;
/** Progress messages share one line with the title. */
export const PROGRESS_MAX_LENGTH = 120;
/** A progress title names a repository or image the registry listed. */
export const PROGRESS_TITLE_MAX_LENGTH = 120;

// C0/C1 control characters and the bidirectional overrides that could reorder what is read.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line of plain text: whitespace runs (line breaks included) become one space, control
 * characters go, links are broken (VS Code only links `[label](target)` with `](` adjacent), and
 * the result is at most `maxLength` characters, ending in "…" when cut.
 */
export function plainText(text: string, maxLength = NOTIFICATION_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').replace(INVISIBLE, '').trim().replace(/\]\(/g, '] (');
  const chars = Array.from(flat); // whole code points: never cut a surrogate pair in two
  return chars.length <= maxLength ? flat : `${chars.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd()}…`;
}

/** A progress notification's title: it carries repository names and tags from the endpoint. */
export function progressTitle(title: string): string {
  return plainText(title, PROGRESS_TITLE_MAX_LENGTH);
}
