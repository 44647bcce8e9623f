// In-memory control-plane state of the emulator: what ECR keeps beside the image bytes
// (repository settings, tokens, push/pull times, scans). Image lists come from the registry.
import { randomBytes } from 'node:crypto';
import { FaultState } from './faults';
import { ImageIndex } from './imageIndex';
import type { TagMutability, WildcardFilter } from './registrySettings';
import type { RegistryStorage } from './storage';

export interface AccountInfo {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

export type ScanType = 'BASIC' | 'ENHANCED';

export interface RegistryState {
  readonly accountId: string;
  readonly region: string;
  readonly host: string; // 127.0.0.1:PORT of its data plane
  readonly repositories: Map<string, Repository>;
  scanType: ScanType;
  /** PutRegistryPolicy's text. */
  policyText?: string;
}

export interface Repository {
  readonly registry: RegistryState;
  readonly name: string;
  readonly createdAt: Date;
  imageTagMutability: TagMutability;
  /** Tags the mutability setting does not apply to (the *_WITH_EXCLUSION modes). */
  imageTagMutabilityExclusionFilters?: readonly WildcardFilter[];
  scanOnPush: boolean;
  readonly encryption: { readonly encryptionType: string; readonly kmsKey?: string };
  readonly tags: Map<string, string>;
  lifecyclePolicy?: { text: string; updatedAt: Date };
  policyText?: string;
  preview?: PreviewRun;
  /** Which set of seeded findings its scans report (see seed/findings.json). */
  findingsSet: string;
}

export interface PreviewRun {
  readonly policyText: string;
  readonly startedAt: number;
  readonly results: readonly PreviewResult[];
}

export interface PreviewResult {
  readonly imageDigest: string;
  readonly imageTags: readonly string[];
  readonly imagePushedAt: Date;
  readonly appliedRulePriority: number;
  readonly action: 'expire' | 'transition';
  /** The image's storage class when the preview ran. */
  readonly storageClass: 'STANDARD' | 'ARCHIVE';
}

export interface ScanRecord {
  status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
  description: string;
  completedAt?: Date;
  readonly type: ScanType;
  readonly findingsSet: string;
}

export interface TokenGrant {
  readonly accountId: string;
  readonly region: string;
  expiresAt: Date;
}

export const TOKEN_LIFETIME_MS = 12 * 3600_000;

/** ECR's image status: ARCHIVED images are listed and described but cannot be pulled. */
export type ImageStatus = 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING';

export interface StorageClassRecord {
  status: ImageStatus;
  lastArchivedAt?: Date;
  lastActivatedAt?: Date;
}

export function repositoryArn(repo: Repository): string {
  return `arn:aws:ecr:${repo.registry.region}:${repo.registry.accountId}:repository/${repo.name}`;
}

export function repositoryUri(repo: Repository): string {
  return `${repo.registry.host}/${repo.name}`;
}

/** Name of the repository inside the one shared registry, so accounts/regions never collide. */
export function storageName(repo: { registry: { accountId: string; region: string }; name: string }): string {
  return `${repo.registry.accountId}/${repo.registry.region}/${repo.name}`;
}

export interface RepositorySettings {
  readonly imageTagMutability?: TagMutability;
  readonly imageTagMutabilityExclusionFilters?: readonly WildcardFilter[];
  readonly scanOnPush?: boolean;
  readonly encryption?: { readonly encryptionType: string; readonly kmsKey?: string };
  readonly tags?: Iterable<[string, string]>;
  readonly findingsSet?: string;
}

/** Adds a repository to a registry (the caller has checked the name is free and valid). */
export function addRepository(registry: RegistryState, name: string, settings: RepositorySettings = {}): Repository {
  const repo: Repository = {
    registry,
    name,
    createdAt: new Date(),
    imageTagMutability: settings.imageTagMutability ?? 'MUTABLE',
    imageTagMutabilityExclusionFilters: settings.imageTagMutabilityExclusionFilters,
    scanOnPush: settings.scanOnPush ?? false,
    encryption: settings.encryption ?? { encryptionType: 'AES256' },
    tags: new Map(settings.tags ?? []),
    findingsSet: settings.findingsSet ?? 'full',
  };
  registry.repositories.set(name, repo);
  return repo;
}

export class SandboxState {
  readonly faults = new FaultState();
  /** API requests received per operation (every attempt, answered or refused), for "no loop" checks. */
  readonly requestCounts = new Map<string, number>();
  readonly registries = new Map<string, RegistryState>();
  readonly images: ImageIndex;
  /** Scan failure/complete delay, short so tests stay fast. */
  scanDelayMs = 300;
  previewDelayMs = 200;
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly pushedAt = new Map<string, Date>();
  private readonly pulledAt = new Map<string, Date>();
  private readonly scans = new Map<string, ScanRecord>();
  private readonly storageClasses = new Map<string, StorageClassRecord>();
  /** How long a restore stays ACTIVATING (ECR: up to 20 minutes; short so tests stay fast). */
  restoreDelayMs = 300;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pushListeners: ((repo: Repository, digest: string) => void)[] = [];

  constructor(
    readonly accounts: readonly AccountInfo[],
    readonly storage: RegistryStorage,
    /** Opens a data-plane port for a new (account, region) registry. */
    private readonly openRegistry: (accountId: string, region: string) => Promise<RegistryState>,
  ) {
    this.images = new ImageIndex(storage, (repo, digest) => this.pushedAt.get(imageKey(repo, digest)));
  }

  accountByAccessKey(accessKeyId: string): AccountInfo | undefined {
    return this.accounts.find((account) => account.accessKeyId === accessKeyId);
  }

  registry(accountId: string, region: string): RegistryState | undefined {
    return this.registries.get(`${accountId}/${region}`);
  }

  async ensureRegistry(accountId: string, region: string): Promise<RegistryState> {
    const existing = this.registry(accountId, region);
    if (existing) return existing;
    const created = await this.openRegistry(accountId, region);
    this.registries.set(`${accountId}/${region}`, created);
    return created;
  }

  registryByHost(host: string): RegistryState | undefined {
    return [...this.registries.values()].find((registry) => registry.host === host);
  }

  // --- tokens ------------------------------------------------------------------------------

  issueToken(accountId: string, region: string): { authorizationToken: string; expiresAt: Date } {
    const password = randomBytes(48).toString('base64url');
    const grant: TokenGrant = { accountId, region, expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS) };
    this.tokens.set(password, grant);
    return { authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'), expiresAt: grant.expiresAt };
  }

  /** True if `authorization` is `Basic base64(AWS:<live token>)` for this registry. */
  checkBasicAuth(authorization: string | undefined, registry: RegistryState): boolean {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1], 'base64').toString();
    if (!decoded.startsWith('AWS:')) return false;
    const grant = this.tokens.get(decoded.slice(4));
    if (!grant || grant.expiresAt.getTime() <= Date.now()) return false;
    return grant.accountId === registry.accountId && grant.region === registry.region;
  }

  /** Makes every issued token expire now (to test re-authentication). */
  expireTokens(): void {
    for (const grant of this.tokens.values()) grant.expiresAt = new Date(Date.now() - 1000);
  }

  // --- image events ---------------------------------------------------------------------------

  recordPush(repo: Repository, digest: string, at = new Date()): void {
    const key = imageKey(repo, digest);
    if (!this.pushedAt.has(key)) this.pushedAt.set(key, at);
    this.images.invalidate(repo);
    for (const listener of this.pushListeners) listener(repo, digest);
  }

  /** Called after every recorded push (data plane or PutImage), e.g. to replicate it. */
  onPush(listener: (repo: Repository, digest: string) => void): void {
    this.pushListeners.push(listener);
  }

  /** Seed only: pretend the image was pushed at `at` (for lifecycle rules by age). */
  backdatePush(repo: Repository, digest: string, at: Date): void {
    this.pushedAt.set(imageKey(repo, digest), at);
    this.images.invalidate(repo);
  }

  recordPull(repo: Repository, digest: string): void {
    this.pulledAt.set(imageKey(repo, digest), new Date());
  }

  /** Seed only: pretend the image was last pulled at `at` (for rules by last pull). */
  backdatePull(repo: Repository, digest: string, at: Date): void {
    this.pulledAt.set(imageKey(repo, digest), at);
  }

  storageClass(repo: Repository, digest: string): StorageClassRecord {
    return this.storageClasses.get(imageKey(repo, digest)) ?? { status: 'ACTIVE' };
  }

  /** Moves the image to the archive at once; a restore is ACTIVATING for `restoreDelayMs`, then ACTIVE. */
  setStorageClass(repo: Repository, digest: string, target: 'ARCHIVE' | 'STANDARD', at = new Date()): StorageClassRecord {
    const key = imageKey(repo, digest);
    const record = this.storageClasses.get(key) ?? { status: 'ACTIVE' };
    this.storageClasses.set(key, record);
    if (target === 'ARCHIVE') {
      record.status = 'ARCHIVED';
      record.lastArchivedAt = at;
      return record;
    }
    record.status = 'ACTIVATING';
    this.later(this.restoreDelayMs, () => {
      if (record.status !== 'ACTIVATING') return;
      record.status = 'ACTIVE';
      record.lastActivatedAt = new Date();
    });
    return { ...record };
  }

  lastPull(repo: Repository, digest: string): Date | undefined {
    return this.pulledAt.get(imageKey(repo, digest));
  }

  forgetImage(repo: Repository, digest: string): void {
    const key = imageKey(repo, digest);
    this.pushedAt.delete(key);
    this.pulledAt.delete(key);
    this.scans.delete(key);
    this.storageClasses.delete(key);
    this.images.invalidate(repo);
  }

  forgetRepository(repo: Repository): void {
    const prefix = `${storageName(repo)}@`;
    for (const map of [this.pushedAt, this.pulledAt, this.scans, this.storageClasses] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
    this.images.invalidate(repo);
  }

  // --- scans ------------------------------------------------------------------------------------

  scan(repo: Repository, digest: string): ScanRecord | undefined {
    return this.scans.get(imageKey(repo, digest));
  }

  /** Starts a scan: IN_PROGRESS now, COMPLETE (or FAILED for unsupported images) after a delay. */
  startScan(repo: Repository, digest: string, immediate = false): ScanRecord {
    const type = repo.registry.scanType;
    const record: ScanRecord = { status: 'IN_PROGRESS', description: 'The scan is in progress.', type, findingsSet: repo.findingsSet };
    this.scans.set(imageKey(repo, digest), record);
    const finish = (): void => {
      if (repo.findingsSet === 'unsupported') {
        record.status = 'FAILED';
        record.description = 'UnsupportedImageError: The operating system and/or package manager are not supported.';
      } else {
        record.status = 'COMPLETE';
        record.description = type === 'ENHANCED' ? 'Continuous scan is selected for image.' : 'The scan was completed successfully.';
      }
      record.completedAt = new Date();
    };
    if (immediate) finish();
    else this.later(this.scanDelayMs, finish);
    return record;
  }

  later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function imageKey(repo: { registry: { accountId: string; region: string }; name: string }, digest: string): string {
  return `${storageName(repo)}@${digest}`;
}
