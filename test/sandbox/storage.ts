// Reads (and for bulk seeding and untagging, writes) distribution 2.8's filesystem storage layout.
// The registry's storage is the single source of truth for which manifests and tags exist.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredRevision {
  readonly digest: string;
  /** When the registry linked the manifest into the repository (link file mtime). */
  readonly linkedAt: Date;
}

export class RegistryStorage {
  private readonly v2: string;

  constructor(storageRoot: string) {
    this.v2 = join(storageRoot, 'docker', 'registry', 'v2');
  }

  private repoDir(name: string): string {
    return join(this.v2, 'repositories', name);
  }

  private blobPath(digest: string): string {
    const hex = hexOf(digest);
    return join(this.v2, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
  }

  /** A cheap fingerprint that changes whenever revisions or tags are added or removed. */
  fingerprint(name: string): string {
    const dirs = [join(this.repoDir(name), '_manifests', 'revisions', 'sha256'), join(this.repoDir(name), '_manifests', 'tags')];
    return dirs.map((dir) => mtimeOrZero(dir)).join(':');
  }

  revisions(name: string): StoredRevision[] {
    const dir = join(this.repoDir(name), '_manifests', 'revisions', 'sha256');
    const found: StoredRevision[] = [];
    for (const hex of readdirOrEmpty(dir)) {
      try {
        const stat = statSync(join(dir, hex, 'link'));
        found.push({ digest: `sha256:${hex}`, linkedAt: stat.mtime });
      } catch {
        // a revision being deleted right now: not part of the repository
      }
    }
    return found;
  }

  /** tag -> digest for every tag of the repository. */
  tags(name: string): Map<string, string> {
    const dir = join(this.repoDir(name), '_manifests', 'tags');
    const tags = new Map<string, string>();
    for (const tag of readdirOrEmpty(dir)) {
      try {
        tags.set(tag, readFileSync(join(dir, tag, 'current', 'link'), 'utf8').trim());
      } catch {
        // half-written tag: ignore
      }
    }
    return tags;
  }

  tagDigest(name: string, tag: string): string | undefined {
    try {
      return readFileSync(join(this.repoDir(name), '_manifests', 'tags', tag, 'current', 'link'), 'utf8').trim();
    } catch {
      return undefined;
    }
  }

  readBlob(digest: string): Buffer | undefined {
    try {
      return readFileSync(this.blobPath(digest));
    } catch {
      return undefined;
    }
  }

  /** Removes one tag (distribution 2.8 has no tag-delete API; ECR's BatchDeleteImage by tag needs it). */
  removeTag(name: string, tag: string): void {
    rmSync(join(this.repoDir(name), '_manifests', 'tags', tag), { recursive: true, force: true });
  }

  removeRepository(name: string): void {
    rmSync(this.repoDir(name), { recursive: true, force: true });
  }

  // --- bulk writing, for cheap benchmark seeding -------------------------------------------

  writeBlob(digest: string, data: Buffer): void {
    const path = this.blobPath(digest);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, data);
  }

  linkLayer(name: string, digest: string): void {
    writeLink(join(this.repoDir(name), '_layers', 'sha256', hexOf(digest)), digest);
  }

  linkManifest(name: string, digest: string, tag?: string): void {
    writeLink(join(this.repoDir(name), '_manifests', 'revisions', 'sha256', hexOf(digest)), digest);
    if (tag) {
      const tagDir = join(this.repoDir(name), '_manifests', 'tags', tag);
      writeLink(join(tagDir, 'current'), digest);
      writeLink(join(tagDir, 'index', 'sha256', hexOf(digest)), digest);
    }
  }
}

function writeLink(dir: string, digest: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'link'), digest);
}

function hexOf(digest: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new Error(`not a sha256 digest: ${digest}`);
  return match[1];
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function mtimeOrZero(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
