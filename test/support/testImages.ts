// Test images for copies: real busybox layers plus a random layer (so transfers take a while and
// each image is unique), pushed through the sandbox's data plane as a client would.
import { randomBytes } from 'node:crypto';
import { CreateRepositoryCommand, GetAuthorizationTokenCommand, type ECRClient, type ImageTagMutability } from '@aws-sdk/client-ecr';
import { busyboxLayer, parsePlatform } from '../sandbox/seed/seeder';
import { RegistryPusher } from '../sandbox/seed/pusher';
import { imageConfig, imageIndex, imageManifest, layer, type Blob } from '../sandbox/seed/tarball';

export interface TestImage {
  readonly digest: string;
  /** Every distinct blob (configs and layers of all platforms). */
  readonly blobs: readonly Blob[];
  /** Text of /etc/copy-marker in the linux/amd64 image, to check a pulled copy. */
  readonly marker: string;
  readonly childDigests: readonly string[];
}

export async function createRepository(client: ECRClient, name: string, mutability: ImageTagMutability = 'MUTABLE'): Promise<void> {
  await client.send(new CreateRepositoryCommand({ repositoryName: name, imageTagMutability: mutability }));
}

/** Pushes an image (an index when several platforms) to `repository` with `tag`. */
export async function pushTestImage(client: ECRClient, repository: string, tag: string, options: { platforms?: string[]; randomBytes?: number } = {}): Promise<TestImage> {
  const data = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  const pusher = new RegistryPusher(new URL(data?.proxyEndpoint ?? '').host, `Basic ${data?.authorizationToken ?? ''}`);
  const platforms = options.platforms ?? ['linux/amd64'];
  const marker = `${repository}:${tag} ${randomBytes(8).toString('hex')}`;
  const blobs = new Map<string, Blob>();
  const children: { manifest: Blob; platform: ReturnType<typeof parsePlatform> }[] = [];
  for (const text of platforms) {
    const platform = parsePlatform(text);
    const layers = [
      busyboxLayer(),
      layer([{ path: 'etc' }, { path: 'etc/copy-marker', content: Buffer.from(`${marker} ${text}\n`) }]),
      layer([{ path: 'data.bin', content: randomBytes(options.randomBytes ?? 256 * 1024) }]),
    ];
    const config = imageConfig(platform, layers, { marker });
    for (const blob of [...layers, config]) {
      blobs.set(blob.digest, blob);
      await pusher.pushBlob(repository, blob);
    }
    children.push({ manifest: imageManifest(config, layers), platform });
  }
  if (children.length === 1) {
    await pusher.pushManifest(repository, tag, children[0].manifest);
    return { digest: children[0].manifest.digest, blobs: [...blobs.values()], marker: `${marker} ${platforms[0]}`, childDigests: [] };
  }
  for (const child of children) await pusher.pushManifest(repository, child.manifest.digest, child.manifest);
  const index = imageIndex(children, true);
  await pusher.pushManifest(repository, tag, index);
  return { digest: index.digest, blobs: [...blobs.values()], marker: `${marker} linux/amd64`, childDigests: children.map((c) => c.manifest.digest) };
}
