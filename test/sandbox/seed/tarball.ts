// Builds image blobs in memory: gzip'd tar layers, image configs, manifests and indexes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MEDIA } from '../manifests';

export interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly data: Buffer;
  readonly mediaType: string;
}

export interface Layer extends Blob {
  readonly diffId: string; // digest of the uncompressed tar, for the config's rootfs
}

export interface TarEntry {
  readonly path: string;
  readonly content?: Buffer; // undefined: a directory
  readonly mode?: number;
}

export const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export function blob(data: Buffer, mediaType: string): Blob {
  return { digest: sha256(data), size: data.length, data, mediaType };
}

/** A POSIX ustar archive of the entries (fixed mtime so builds are reproducible). */
export function tar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const isDir = entry.content === undefined;
    const header = Buffer.alloc(512);
    const name = isDir && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
    if (Buffer.byteLength(name) > 100) throw new Error(`tar path too long: ${name}`);
    header.write(name, 0, 100);
    header.write(octal(entry.mode ?? (isDir ? 0o755 : 0o644), 8), 100);
    header.write(octal(0, 8), 108);
    header.write(octal(0, 8), 116);
    header.write(octal(entry.content?.length ?? 0, 12), 124);
    header.write(octal(1_700_000_000, 12), 136);
    header.write('        ', 148); // checksum field counts as spaces while summing
    header.write(isDir ? '5' : '0', 156);
    header.write('ustar\u000000', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148);
    parts.push(header);
    if (entry.content) {
      parts.push(entry.content);
      const pad = (512 - (entry.content.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\u0000`;

export function layer(entries: readonly TarEntry[], oci = false): Layer {
  const raw = tar(entries);
  const gz = gzipSync(raw, { level: 1 });
  return { ...blob(gz, oci ? MEDIA.ociLayer : MEDIA.dockerLayer), diffId: sha256(raw) };
}

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export function imageConfig(platform: Platform, layers: readonly Layer[], labels: Record<string, string>, oci = false): Blob {
  const config = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created: '2024-01-01T00:00:00Z',
    config: { Cmd: ['/bin/busybox', 'sh'], Labels: labels },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map(() => ({ created: '2024-01-01T00:00:00Z', created_by: 'sandbox seed' })),
  };
  return blob(Buffer.from(JSON.stringify(config)), oci ? MEDIA.ociConfig : MEDIA.dockerConfig);
}

const descriptor = (b: Blob): object => ({ mediaType: b.mediaType, digest: b.digest, size: b.size });

export function imageManifest(config: Blob, layers: readonly Blob[], oci = false): Blob {
  const mediaType = oci ? MEDIA.ociManifest : MEDIA.dockerManifest;
  const manifest = { schemaVersion: 2, mediaType, config: descriptor(config), layers: layers.map(descriptor) };
  return blob(Buffer.from(JSON.stringify(manifest, null, 3)), mediaType);
}

export function imageIndex(children: readonly { manifest: Blob; platform: Platform }[], oci = true): Blob {
  const mediaType = oci ? MEDIA.ociIndex : MEDIA.dockerList;
  const index = {
    schemaVersion: 2,
    mediaType,
    manifests: children.map(({ manifest, platform }) => ({ ...descriptor(manifest), platform })),
  };
  return blob(Buffer.from(JSON.stringify(index, null, 3)), mediaType);
}
