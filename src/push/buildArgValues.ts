// Build arg values as secrets to mask in the build log: every non-empty one, however short or
// harmless its name looks (a short token is still a token; the log is no place to guess).
export function buildArgValuesToMask(buildArgs: Readonly<Record<string, string>> | undefined): string[] {
  return Object.values(buildArgs ?? {}).filter((value) => value.length > 0);
}
