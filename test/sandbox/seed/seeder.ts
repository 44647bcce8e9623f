// Fills a fresh sandbox from seed.json: repositories in two accounts/regions and real images
// (busybox layers) pushed through the data-plane proxies with the registry API.
import { readFileSync } from 'node:fs';
import { MEDIA } from '../manifests';
import { addRepository, type Repository, type SandboxState, type ScanType } from '../model';
import seedFile from './seed.json';
import { RegistryPusher } from './pusher';
import { imageConfig, imageIndex, imageManifest, layer, sha256, type Blob, type Layer, type Platform } from './tarball';

interface SeedImage {
  readonly tags: readonly string[];
  readonly daysAgo: number;
  readonly scan?: boolean;
  readonly platforms?: readonly string[];
  readonly oci?: boolean;
  readonly label?: string;
}

interface SeedRepository {
  readonly name: string;
  readonly imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush?: boolean;
  readonly findings?: string;
  readonly tags?: Record<string, string>;
  readonly encryption?: { readonly encryptionType: string; readonly kmsKey?: string };
  readonly lifecyclePolicy?: unknown;
  readonly images: readonly SeedImage[];
}

export interface SeedFile {
  readonly registries: readonly {
    readonly accountId: string;
    readonly region: string;
    readonly scanType: ScanType;
    readonly repositories: readonly SeedRepository[];
  }[];
}

export const seed = seedFile as unknown as SeedFile;

let busybox: { docker: Layer; oci: Layer } | undefined;

/** The busybox-static binary as a layer (built once per process; ~1 MB gzip'd). */
export function busyboxLayer(oci = false): Layer {
  if (!busybox) {
    const entries = [{ path: 'bin' }, { path: 'bin/busybox', content: readFileSync('/bin/busybox'), mode: 0o755 }];
    const docker = layer(entries, false);
    busybox = { docker, oci: { ...docker, mediaType: MEDIA.ociLayer } };
  }
  return oci ? busybox.oci : busybox.docker;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** Builds one single-platform image: busybox + a small layer naming it. */
export function buildImage(repository: string, name: string, platform: Platform, oci: boolean): { blobs: Blob[]; manifest: Blob } {
  const base = busyboxLayer(oci);
  const info = layer(
    [{ path: 'etc' }, { path: 'etc/sandbox-image', content: Buffer.from(`${repository} ${name} ${platform.os}/${platform.architecture}\n`) }],
    oci,
  );
  const config = imageConfig(platform, [base, info], { 'org.opencontainers.image.title': `${repository}:${name}` }, oci);
  return { blobs: [base, info, config], manifest: imageManifest(config, [base, info], oci) };
}

export async function seedSandbox(state: SandboxState, log: (line: string) => void, file: SeedFile = seed): Promise<{ repositories: number; images: number }> {
  let repositories = 0;
  let images = 0;
  await Promise.all(
    file.registries.map(async (spec) => {
      const registry = await state.ensureRegistry(spec.accountId, spec.region);
      registry.scanType = spec.scanType;
      const { authorizationToken } = state.issueToken(registry.accountId, registry.region);
      const pusher = new RegistryPusher(registry.host, `Basic ${authorizationToken}`);
      for (const repoSpec of spec.repositories) {
        const repo = addRepository(registry, repoSpec.name, {
          imageTagMutability: repoSpec.imageTagMutability,
          scanOnPush: repoSpec.scanOnPush,
          findingsSet: repoSpec.findings,
          encryption: repoSpec.encryption,
          tags: Object.entries(repoSpec.tags ?? {}),
        });
        if (repoSpec.lifecyclePolicy) repo.lifecyclePolicy = { text: JSON.stringify(repoSpec.lifecyclePolicy), updatedAt: new Date() };
        repositories++;
        for (const [index, image] of repoSpec.images.entries()) {
          await pushSeedImage(state, pusher, repo, image, image.label ?? `${image.tags[0] ?? 'untagged'}-${index}`);
          images++;
        }
      }
    }),
  );
  log(`seeded ${repositories} repositories, ${images} images`);
  return { repositories, images };
}

async function pushSeedImage(state: SandboxState, pusher: RegistryPusher, repo: Repository, spec: SeedImage, name: string): Promise<void> {
  const pushedAt = new Date(Date.now() - spec.daysAgo * 86_400_000);
  const platforms = (spec.platforms ?? ['linux/amd64']).map(parsePlatform);
  const oci = spec.oci === true;
  const built = platforms.map((platform) => ({ platform, ...buildImage(repo.name, name, platform, oci) }));
  for (const image of built) for (const b of image.blobs) await pusher.pushBlob(repo.name, b);

  let top: Blob;
  if (spec.platforms) {
    for (const image of built) {
      await pusher.pushManifest(repo.name, image.manifest.digest, image.manifest);
      state.backdatePush(repo, image.manifest.digest, pushedAt);
    }
    top = imageIndex(built.map(({ manifest, platform }) => ({ manifest, platform })), oci);
  } else {
    top = built[0].manifest;
  }
  const references = spec.tags.length > 0 ? spec.tags : [top.digest];
  for (const reference of references) await pusher.pushManifest(repo.name, reference, top);
  state.backdatePush(repo, top.digest, pushedAt);
  if (spec.scan && !spec.platforms) state.startScan(repo, top.digest, true);
  if (top.digest !== sha256(top.data)) throw new Error('digest mismatch'); // guards the blob builder
}
