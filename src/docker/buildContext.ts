// The build context as a tar stream: files are read from disk as the engine consumes the stream,
// so a large context never sits in memory. Ignore files follow Docker's rules (dockerignore.ts,
// including "!" exceptions); the Dockerfile and the ignore file are always sent. Sockets, FIFOs
// and devices cannot travel in a tar the engine accepts: they are skipped and reported.
import { randomBytes } from 'node:crypto';
import fs, { lstatSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { pack, type PackOptions } from 'tar-fs';
import { type IgnorePattern, isIgnored, parseDockerignore } from './dockerignore';

export interface BuildContextOptions {
  /** The context folder. */
  readonly contextDir: string;
  /** Path of the Dockerfile, absolute or relative to the context (default "Dockerfile"). */
  readonly dockerfile?: string;
  /** Told about each socket, FIFO or device left out (path relative to the context). */
  readonly onSkipped?: (path: string, kind: string) => void;
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

  const ignore = await loadIgnore(root, dockerfilePath);
  const keep = new Set([dockerfileInTar, ignore?.file ?? '.dockerignore']);
  const packOptions: PackOptions & { fs: typeof fs } = {
    fs: reportingFs(root, options.onSkipped),
    strict: false, // Skip what tar cannot carry (reported by reportingFs) instead of failing.
    ignore: ignore ? (abs) => ignored(ignore, toPosix(relative(root, abs)), abs, keep) : undefined,
    finalize: extraDockerfile === undefined,
    finish: (p) => {
      if (!extraDockerfile) return;
      p.entry({ name: dockerfileInTar, mode: 0o644, mtime: new Date() }, extraDockerfile);
      p.finalize();
    },
    // Owners on this machine mean nothing inside an image; the CLI sends 0:0 too.
    map: (header) => ({ ...header, uid: 0, gid: 0 }),
  };
  const tar = pack(root, packOptions);
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
  /** The ignore file in use (relative to the context when inside it): always sent, as the CLI does. */
  readonly file: string;
  readonly patterns: readonly IgnorePattern[];
  /**
   * BuildKit walks into an ignored folder only when an exception could re-include something
   * below it: any exception with a wildcard, or one whose path lies under the folder.
   */
  readonly exceptions: readonly string[];
  readonly wildcardException: boolean;
}

/**
 * `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's `.dockerignore`
 * (BuildKit and the CLI read it first): a secret left out only there must stay out.
 */
async function loadIgnore(root: string, dockerfilePath: string): Promise<IgnoreRules | undefined> {
  for (const file of [`${dockerfilePath}.dockerignore`, join(root, '.dockerignore')]) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const name = toPosix(relative(root, file));
    const patterns = parseDockerignore(text, name);
    const exceptions = patterns.filter((p) => p.exception).map((p) => p.text);
    return { file: name, patterns, exceptions, wildcardException: exceptions.some((e) => /[*?[\\]/.test(e)) };
  }
  return undefined;
}

/** tar-fs asks this for every file and folder; true skips it (for a folder: its whole subtree). */
function ignored(rules: IgnoreRules, rel: string, abs: string, keep: ReadonlySet<string>): boolean {
  if (!rel || keep.has(rel)) return false;
  // Never prune a folder that holds a file that is always sent.
  for (const kept of keep) if (kept.startsWith(`${rel}/`)) return false;
  if (!isIgnored(rules.patterns, rel)) return false;
  // Walk an ignored folder only when an exception could match below it (its files are then
  // judged one by one); the stat happens only for ignored entries, and only with exceptions.
  const couldReinclude = rules.wildcardException || rules.exceptions.some((e) => e.startsWith(`${rel}/`));
  return !(couldReinclude && isDirectory(abs));
}

/** The fs tar-fs walks with: lstat also reports the entries that tar-fs will leave out. */
function reportingFs(root: string, onSkipped: BuildContextOptions['onSkipped']): typeof fs {
  if (!onSkipped) return fs;
  const lstat = (path: string, callback: (error: NodeJS.ErrnoException | null, stats: Stats) => void): void =>
    fs.lstat(path, (error, stats) => {
      const kind = stats && specialKind(stats);
      if (kind) onSkipped(toPosix(relative(root, path)), kind);
      callback(error, stats);
    });
  return { ...fs, lstat } as typeof fs;
}

function specialKind(stats: Stats): string | undefined {
  if (stats.isSocket()) return 'socket';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return undefined;
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
