// Images with signatures and SBOMs for the tests of referrers (explorer, hover, gate): each test's
// own repository, images pushed through the sandbox's data plane, artifacts with a `subject`.
import { CreateRepositoryCommand, DeleteRepositoryCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { RegistryPusher } from '../sandbox/seed/pusher';
import { pushReferrer, type PushedReferrer, type ReferrerKind, type SbomPackage } from '../sandbox/seed/referrers';
import { buildImage } from '../sandbox/seed/seeder';
import { sdkClient } from './sandbox';

/** A unique repository name for one test. */
export const uniqueRepository = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Creates the repository and pushes one single-platform image per tag; answers tag -> digest. */
export async function repositoryWithImages(repositoryName: string, tags: readonly string[]): Promise<Record<string, string>> {
  const ecr = sdkClient(0);
  await ecr.send(new CreateRepositoryCommand({ repositoryName }));
  const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  const pusher = new RegistryPusher(new URL(auth?.proxyEndpoint ?? '').host, `Basic ${auth?.authorizationToken ?? ''}`);
  const digests: Record<string, string> = {};
  for (const tag of tags) {
    const image = buildImage(repositoryName, tag, { os: 'linux', architecture: 'amd64' }, true);
    for (const blob of image.blobs) await pusher.pushBlob(repositoryName, blob);
    await pusher.pushManifest(repositoryName, tag, image.manifest);
    digests[tag] = image.manifest.digest;
  }
  return digests;
}

export function attach(repositoryName: string, subjectDigest: string, kind: ReferrerKind, packages?: readonly SbomPackage[]): Promise<PushedReferrer> {
  return pushReferrer(sdkClient(0), { repositoryName, subjectDigest, kind, packages });
}

export async function deleteRepository(repositoryName: string): Promise<void> {
  await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName, force: true })).catch(() => undefined);
}
