// What the prompts offer from a Dockerfile: its named stages (for --target) and its ARGs.
// Line-based on purpose: instructions are one per line once continuations are joined.

export interface DockerfileInfo {
  /** Named stages in order ("FROM x AS name"). */
  readonly stages: readonly string[];
  /** ARG names with their defaults, in order of first appearance. */
  readonly args: ReadonlyMap<string, string | undefined>;
}

export function readDockerfileInfo(text: string): DockerfileInfo {
  const stages: string[] = [];
  const args = new Map<string, string | undefined>();
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const from = /^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) stages.push(from[1]);
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg && !args.has(arg[1])) args.set(arg[1], arg[2]);
  }
  return { stages, args };
}

/** "A=1 B=two" (spaces or newlines between pairs) -> { A: "1", B: "two" }; throws on a pair without "=". */
export function parseBuildArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`"${pair}" is not NAME=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function formatBuildArgs(args: Readonly<Record<string, string>>): string {
  return Object.entries(args)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** Names that suggest a secret: the values of such build args are never remembered. */
export function looksSecret(name: string): boolean {
  return /secret|token|passw|pwd|credential|private|api_?key|access_?key/i.test(name);
}
