// Cheap bulk seeding for benchmarks: N images that share one layer blob, each with its own small
// config blob, written straight into the registry's storage in distribution's on-disk layout
// (pushing 20,000 manifests over HTTP would take minutes).
import { addRepository, storageName, type SandboxState } from '../model';
import { checkRepositoryName } from '../api/params';
import { blob, imageManifest, layer } from './tarball';
import { MEDIA } from '../manifests';

export interface BulkSeedRequest {
  readonly accountId?: string;
  readonly region?: string;
  readonly repositoryName: string;
  readonly count: number;
  readonly tagPrefix?: string;
}

export async function bulkSeed(state: SandboxState, request: BulkSeedRequest): Promise<{ repositoryName: string; count: number; ms: number }> {
  const started = Date.now();
  const name = checkRepositoryName(request.repositoryName);
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > 100_000) throw new Error('count must be an integer 1..100000');
  const accountId = request.accountId ?? state.accounts[0].accountId;
  const region = request.region ?? state.accounts.find((a) => a.accountId === accountId)?.region ?? state.accounts[0].region;
  const registry = await state.ensureRegistry(accountId, region);
  const repo = registry.repositories.get(name) ?? addRepository(registry, name);
  const stored = storageName(repo);
  const tagPrefix = request.tagPrefix ?? 'build-';

  const shared = layer([{ path: 'etc' }, { path: 'etc/bulk', content: Buffer.from('shared layer\n') }]);
  state.storage.writeBlob(shared.digest, shared.data);
  state.storage.linkLayer(stored, shared.digest);
  const now = Date.now();
  for (let i = 0; i < request.count; i++) {
    const config = blob(
      Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { index: String(i) } }, rootfs: { type: 'layers', diff_ids: [shared.diffId] } })),
      MEDIA.dockerConfig,
    );
    const manifest = imageManifest(config, [shared]);
    state.storage.writeBlob(config.digest, config.data);
    state.storage.linkLayer(stored, config.digest);
    state.storage.writeBlob(manifest.digest, manifest.data);
    state.storage.linkManifest(stored, manifest.digest, `${tagPrefix}${i}`);
    state.backdatePush(repo, manifest.digest, new Date(now - i * 1000));
  }
  state.images.invalidate(repo);
  return { repositoryName: name, count: request.count, ms: Date.now() - started };
}
