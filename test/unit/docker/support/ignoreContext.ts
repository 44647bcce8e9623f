// Context folders for the .dockerignore cases, and what our packer sends from them.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-fs';
import { createBuildContext } from '../../../../src/docker/buildContext';
import type { IgnoreCase } from '../dockerignoreCases';

/** A context folder holding the case's files, a Dockerfile and its .dockerignore. */
export async function caseContext(c: IgnoreCase): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ecr-test-ignore-'));
  for (const file of c.files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), file);
  }
  await writeFile(join(root, 'Dockerfile'), 'FROM scratch\nCOPY . /ctx/\n');
  await writeFile(join(root, '.dockerignore'), c.dockerignore);
  return root;
}

/** The files (not folders) under dir, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** What our packer sends, without the Dockerfile and .dockerignore. */
export async function packedFiles(contextDir: string): Promise<string[]> {
  const ctx = await createBuildContext({ contextDir });
  const out = await mkdtemp(join(tmpdir(), 'ecr-test-unpacked-'));
  try {
    await pipeline(ctx.stream, extract(out));
    return (await listFiles(out)).filter((f) => f !== 'Dockerfile' && f !== '.dockerignore');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
