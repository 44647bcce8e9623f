// What a repository stores and what it costs: sizes, untagged and unpulled images, archived
// images, and a monthly estimate at a price per GB-month. Pure; the report and the cleanup
// preview build on it.

/** ECR's published price for standard storage: USD per GB-month (us-east-1; most regions alike). */
export const ECR_STANDARD_PRICE_PER_GB_MONTH = 0.1;
/** ECR's published price for archive storage, first 150 TB a month (0.07 above that). */
export const ECR_ARCHIVE_PRICE_PER_GB_MONTH = 0.1;
/** ECR's minimum storage duration of an archived image. */
export const ARCHIVE_MINIMUM_DAYS = 90;

/** AWS bills storage in GB of 2^30 bytes. */
const GB = 1024 ** 3;
const DAY_MS = 86_400_000;

export interface StoragePrices {
  readonly standardPerGbMonth: number;
  readonly archivePerGbMonth: number;
}

export const DEFAULT_PRICES: StoragePrices = {
  standardPerGbMonth: ECR_STANDARD_PRICE_PER_GB_MONTH,
  archivePerGbMonth: ECR_ARCHIVE_PRICE_PER_GB_MONTH,
};

export interface StoredImage {
  readonly digest?: string;
  readonly tags: readonly string[];
  readonly sizeInBytes: number;
  readonly pushedAt?: Date;
  readonly lastPulledAt?: Date;
  readonly archived: boolean;
}

export interface Tally {
  readonly count: number;
  readonly bytes: number;
}

export interface RepositoryStorage {
  readonly name: string;
  readonly images: Tally;
  readonly untagged: Tally;
  /** Active images not pulled for `staleDays` (push time for images never pulled). */
  readonly unpulled: Tally;
  readonly archived: Tally;
  /** Active images a cleanup rule could remove: untagged or unpulled, each counted once. */
  readonly reclaimable: Tally;
  readonly monthlyCost: number;
  readonly reclaimableMonthlyCost: number;
}

export interface StorageOptions {
  readonly staleDays: number;
  readonly prices: StoragePrices;
  readonly now: Date;
}

const EMPTY: Tally = { count: 0, bytes: 0 };
const add = (tally: Tally, bytes: number): Tally => ({ count: tally.count + 1, bytes: tally.bytes + bytes });

/** Valid time of a date, or undefined (a hostile or broken answer may carry an invalid one). */
function timeOf(date: Date | undefined): number | undefined {
  const time = date ? new Date(date).getTime() : NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** True when the image was last pulled (or, never pulled, pushed) more than `days` days ago. */
export function notPulledFor(image: StoredImage, days: number, now: Date): boolean {
  const since = timeOf(image.lastPulledAt) ?? timeOf(image.pushedAt);
  return since !== undefined && now.getTime() - since > days * DAY_MS;
}

export function monthlyCost(standardBytes: number, archivedBytes: number, prices: StoragePrices): number {
  return (standardBytes / GB) * prices.standardPerGbMonth + (archivedBytes / GB) * prices.archivePerGbMonth;
}

export function summariseRepository(name: string, images: readonly StoredImage[], options: StorageOptions): RepositoryStorage {
  let all = EMPTY;
  let untagged = EMPTY;
  let unpulled = EMPTY;
  let archived = EMPTY;
  let reclaimable = EMPTY;
  for (const image of images) {
    const bytes = Number.isFinite(image.sizeInBytes) && image.sizeInBytes > 0 ? image.sizeInBytes : 0;
    all = add(all, bytes);
    if (image.archived) {
      archived = add(archived, bytes);
      continue;
    }
    const isUntagged = image.tags.length === 0;
    const isUnpulled = notPulledFor(image, options.staleDays, options.now);
    if (isUntagged) untagged = add(untagged, bytes);
    if (isUnpulled) unpulled = add(unpulled, bytes);
    if (isUntagged || isUnpulled) reclaimable = add(reclaimable, bytes);
  }
  return {
    name,
    images: all,
    untagged,
    unpulled,
    archived,
    reclaimable,
    monthlyCost: monthlyCost(all.bytes - archived.bytes, archived.bytes, options.prices),
    reclaimableMonthlyCost: monthlyCost(reclaimable.bytes, 0, options.prices),
  };
}

export interface RegistryStorage {
  readonly repositories: readonly RepositoryStorage[];
  readonly total: { readonly images: Tally; readonly archived: Tally; readonly reclaimable: Tally; readonly monthlyCost: number; readonly reclaimableMonthlyCost: number };
}

export function summariseRegistry(repositories: readonly RepositoryStorage[]): RegistryStorage {
  const sum = (pick: (r: RepositoryStorage) => Tally): Tally =>
    repositories.reduce((t, r) => ({ count: t.count + pick(r).count, bytes: t.bytes + pick(r).bytes }), EMPTY);
  return {
    repositories,
    total: {
      images: sum((r) => r.images),
      archived: sum((r) => r.archived),
      reclaimable: sum((r) => r.reclaimable),
      monthlyCost: repositories.reduce((n, r) => n + r.monthlyCost, 0),
      reclaimableMonthlyCost: repositories.reduce((n, r) => n + r.reclaimableMonthlyCost, 0),
    },
  };
}

/** Largest first, then by name. */
export const bySize = (a: RepositoryStorage, b: RepositoryStorage): number => b.images.bytes - a.images.bytes || a.name.localeCompare(b.name);
export const byReclaimable = (a: RepositoryStorage, b: RepositoryStorage): number =>
  b.reclaimable.bytes - a.reclaimable.bytes || a.name.localeCompare(b.name);

/** "$1.23", "$0.044" (amounts under 10 cents keep two significant digits), "$0.00". */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount) || amount === 0) return '$0.00';
  if (Math.abs(amount) >= 0.1) return `$${amount.toFixed(2)}`;
  return `$${amount.toPrecision(2)}`;
}

export interface Savings {
  readonly expiring: Tally;
  readonly archiving: Tally;
  /** Storage cost saved a month: expired images' whole cost, archived ones' price difference. */
  readonly monthlySaving: number;
}

/** What a lifecycle preview's results free, from the sizes of the images they name. */
export function previewSavings(
  results: readonly { readonly imageDigest?: string; readonly action?: { readonly type?: string } }[],
  sizes: ReadonlyMap<string, number>,
  prices: StoragePrices,
): Savings {
  let expiring = EMPTY;
  let archiving = EMPTY;
  for (const result of results) {
    const bytes = sizes.get(result.imageDigest ?? '') ?? 0;
    if (result.action?.type === 'TRANSITION') archiving = add(archiving, bytes);
    else expiring = add(expiring, bytes);
  }
  const saving = monthlyCost(expiring.bytes, 0, prices) + (archiving.bytes / GB) * (prices.standardPerGbMonth - prices.archivePerGbMonth);
  return { expiring, archiving, monthlySaving: saving };
}
