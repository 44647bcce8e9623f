// The build context as a tar stream: files are read from disk as the engine consumes the stream,
// so a large context never sits in memory. .dockerignore follows Docker's rules (via
// @balena/dockerignore, including "!" exceptions); the Dockerfile and .dockerignore are always sent.
import { randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import { pack } from 'tar-fs';

export interface BuildContextOptions {
  /** The context folder. */
  readonly contextDir: string;
  /** Path of the Dockerfile, absolute or relative to the context (default "Dockerfile"). */
  readonly dockerfile?: string;
}

export interface BuildContext {
  readonly stream: Readable;
  /** The Dockerfile's path inside the tar, to pass as the build's `dockerfile` option. */
  readonly dockerfile: string;
  /** Destroys the stream (and closes any open file) if the build ends early. */
  dispose(): void;
}

/** Opens a tar stream of the context; nothing is read until the stream is consumed. */
export async function createBuildContext(options: BuildContextOptions): Promise<BuildContext> {
  const root = resolve(options.contextDir);
  const dockerfilePath = resolve(root, options.dockerfile ?? 'Dockerfile');
  const inside = relative(root, dockerfilePath);
  const outside = inside.startsWith('..') || isAbsolute(inside);
  // A Dockerfile outside the context travels in the tar under a generated name, as the CLI does.
  const dockerfileInTar = outside ? `.ecr-explorer-dockerfile-${randomBytes(6).toString('hex')}` : toPosix(inside);
  const extraDockerfile = outside ? await readFile(dockerfilePath) : undefined;

  const ignore = await loadIgnore(root);
  const keep = new Set(['.dockerignore', dockerfileInTar]);
  const tar = pack(root, {
    ignore: ignore ? (abs) => ignored(ignore, toPosix(relative(root, abs)), abs, keep) : undefined,
    finalize: extraDockerfile === undefined,
    finish: (p) => {
      if (!extraDockerfile) return;
      p.entry({ name: dockerfileInTar, mode: 0o644, mtime: new Date() }, extraDockerfile);
      p.finalize();
    },
    // Owners on this machine mean nothing inside an image; the CLI sends 0:0 too.
    map: (header) => ({ ...header, uid: 0, gid: 0 }),
  });
  // tar-fs yields a streamx stream; a PassThrough gives callers a plain Node Readable.
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  pipeline(tar, stream, () => undefined); // Errors surface on `stream`, which pipeline destroys.
  return {
    stream,
    dockerfile: dockerfileInTar,
    dispose: () => {
      tar.destroy();
      stream.destroy();
    },
  };
}

interface IgnoreRules {
  readonly matcher: ReturnType<typeof dockerignore>;
  /** The "!" patterns, split in path components: an ignored folder may still hold such files. */
  readonly exceptions: readonly string[][];
}

async function loadIgnore(root: string): Promise<IgnoreRules | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, '.dockerignore'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const exceptions = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/^\/+/, '').split('/').filter(Boolean));
  return { matcher: dockerignore({ ignorecase: false }).add(lines), exceptions };
}

/** tar-fs asks this for every file and folder; true skips it (for a folder: its whole subtree). */
function ignored(rules: IgnoreRules, rel: string, abs: string, keep: ReadonlySet<string>): boolean {
  if (!rel || keep.has(rel)) return false;
  // Never prune a folder that holds a file that is always sent.
  for (const kept of keep) if (kept.startsWith(`${rel}/`)) return false;
  if (!rules.matcher.ignores(rel)) return false;
  // Walk an ignored folder only when an exception could match below it (its files are then
  // judged one by one); the stat happens only for ignored entries, and only with exceptions.
  if (rules.exceptions.some((e) => couldMatchBelow(e, rel.split('/'))) && isDirectory(abs)) return false;
  return true;
}

/** Whether a pattern (in components) could match something inside folder `dir` (in components). */
export function couldMatchBelow(pattern: readonly string[], dir: readonly string[]): boolean {
  for (let i = 0; i < dir.length; i++) {
    if (i >= pattern.length) return false;
    if (pattern[i] === '**') return true;
    if (!globComponent(pattern[i]).test(dir[i])) return false;
  }
  return pattern.length > dir.length;
}

function globComponent(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function isDirectory(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
