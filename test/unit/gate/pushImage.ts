// Test images: a repository of the test's own and a one-layer image pushed into it through the
// sandbox's data plane (the registry HTTP API), optionally scanned.
import { CreateRepositoryCommand, DescribeImageScanFindingsCommand, ECRClient, GetAuthorizationTokenCommand, StartImageScanCommand, type ImageTagMutability } from '@aws-sdk/client-ecr';
import { RegistryPusher } from '../../sandbox/seed/pusher';
import { imageConfig, imageManifest, layer } from '../../sandbox/seed/tarball';
import type { SandboxInternals } from '../../sandbox';

export interface PushedImage {
  /** `127.0.0.1:<port>/<repository>` */
  readonly repositoryUri: string;
  readonly digest: string;
}

export function sandboxClient(sandbox: SandboxInternals): ECRClient {
  const account = sandbox.accounts[0];
  return new ECRClient({ endpoint: sandbox.endpoint, region: account.region, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } });
}

export async function createRepositoryWithImage(
  sandbox: SandboxInternals,
  repositoryName: string,
  tag: string,
  options: { readonly mutability?: ImageTagMutability; readonly scan?: boolean } = {},
): Promise<PushedImage> {
  const ecr = sandboxClient(sandbox);
  try {
    const created = await ecr.send(new CreateRepositoryCommand({ repositoryName, imageTagMutability: options.mutability ?? 'MUTABLE' }));
    const repositoryUri = created.repository?.repositoryUri ?? '';
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]?.authorizationToken ?? '';
    const pusher = new RegistryPusher(repositoryUri.split('/')[0], `Basic ${token}`);
    const files = layer([{ path: 'etc' }, { path: 'etc/test-image', content: Buffer.from(`${repositoryName}:${tag} ${Date.now()} ${Math.random()}\n`) }]);
    const config = imageConfig({ os: 'linux', architecture: 'amd64' }, [files], {});
    const manifest = imageManifest(config, [files]);
    await pusher.pushBlob(repositoryName, files);
    await pusher.pushBlob(repositoryName, config);
    await pusher.pushManifest(repositoryName, tag, manifest);
    if (options.scan) {
      await ecr.send(new StartImageScanCommand({ repositoryName, imageId: { imageTag: tag } }));
      const deadline = Date.now() + 20_000;
      for (;;) {
        const status = (await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag: tag } }))).imageScanStatus?.status;
        if (status === 'COMPLETE') break;
        if (Date.now() > deadline) throw new Error(`the scan of ${repositoryName}:${tag} did not complete (${status})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return { repositoryUri, digest: manifest.digest };
  } finally {
    ecr.destroy();
  }
}
