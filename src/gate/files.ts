// The files `check` reads: the paths given, folders walked (without .git and node_modules), each
// kept when a scanner recognises it by name or content.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scannerFor, type Scanner } from '../core/scanners';

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const DATA_FILE = /\.(ya?ml|json|jsonc)$/i;
/** Bigger files are not manifests anyone writes by hand. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ScannableFile {
  readonly path: string;
  readonly text: string;
  readonly scanner: Scanner;
}

export async function collectFiles(paths: readonly string[], skip: (path: string) => boolean): Promise<ScannableFile[]> {
  const out: ScannableFile[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const name of entries) if (!SKIPPED_FOLDERS.has(name)) await visit(join(path, name));
      return;
    }
    if (!info.isFile() || info.size > MAX_FILE_BYTES || skip(path)) return;
    const byName = scannerFor(path);
    if (!byName && !DATA_FILE.test(path)) return;
    const text = await readFile(path, 'utf8');
    const scanner = byName ?? scannerFor(path, undefined, text);
    if (scanner) out.push({ path, text, scanner });
  };
  for (const path of paths) await visit(path);
  return out;
}
