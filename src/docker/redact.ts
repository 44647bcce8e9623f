// Removes secrets (tokens, passwords) from text before it is logged or shown.

const MASK = '***';

/** Replaces every occurrence of each non-empty secret in `text` with "***". */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  const sorted = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join(MASK);
  return out;
}
