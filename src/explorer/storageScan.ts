// Reads what every repository of a registry stores (through the model's cached listings, archived
// images included) and sums it up. No vscode import: the bench runs it in plain Node.
import type { ImageDetail } from '../aws/ecrApi';
import { summariseRegistry, summariseRepository, type RegistryStorage, type StorageOptions, type StoredImage } from '../core/storage';
import { Limiter } from '../aws/limiter';
import type { ExplorerModel } from './model';
import type { RegistryEntry } from './nodes';

/** DescribeImages calls in flight at once: fast on a big registry, well under ECR's rate limits. */
const CONCURRENCY = 16;

export interface StorageScan {
  readonly registry: RegistryEntry;
  readonly storage: RegistryStorage;
  /** Repositories whose images could not be listed, and why. */
  readonly failures: readonly { readonly repository: string; readonly message: string }[];
  readonly options: StorageOptions;
}

export function storedImage(image: ImageDetail): StoredImage {
  return {
    digest: image.imageDigest,
    tags: image.imageTags ?? [],
    sizeInBytes: image.imageSizeInBytes ?? 0,
    pushedAt: image.imagePushedAt,
    lastPulledAt: image.lastRecordedPullTime,
    archived: image.imageStatus === 'ARCHIVED',
  };
}

/** The registry's storage, or the problem that stopped listing its repositories. */
export async function scanRegistryStorage(
  model: ExplorerModel,
  registry: RegistryEntry,
  options: StorageOptions,
): Promise<StorageScan | { readonly problem: string }> {
  const repositories = await model.repositories(registry);
  if (repositories.problem) return { problem: repositories.problem.message };
  const limiter = new Limiter(CONCURRENCY);
  const failures: { repository: string; message: string }[] = [];
  const summaries = await Promise.all(
    repositories.items.map((repository) =>
      limiter.run(async () => {
        const name = repository.repositoryName ?? '';
        const images = await model.images(registry, name);
        if (images.problem) {
          failures.push({ repository: name, message: images.problem.message });
          return undefined;
        }
        return summariseRepository(name, images.items.map(storedImage), options);
      }),
    ),
  );
  return { registry, storage: summariseRegistry(summaries.filter((s) => s !== undefined)), failures, options };
}

/** The last report of each registry (by source id): "Create a Cleanup Rule" offers its rows. */
export class StorageReports {
  private readonly last = new Map<string, StorageScan>();

  remember(scan: StorageScan): void {
    this.last.set(scan.registry.source.id, scan);
  }

  lastOf(registry: RegistryEntry): StorageScan | undefined {
    return this.last.get(registry.source.id);
  }
}
