// Registry replication as ECR does it: rules per source registry; a push to a repository a rule
// matches copies the image (manifest, children, config and layers) into each destination registry,
// creating the repository there. Copies go through the one registry storage (blobs are shared;
// only the repository links are written), and each destination's status moves IN_PROGRESS ->
// COMPLETE, or FAILED when the sandbox denies `ecr:ReplicateImage` (a fault switch).
import { manifestFacts } from './manifests';
import { addRepository, storageName, type RegistryState, type Repository, type SandboxState } from './model';

export interface ReplicationDestination {
  readonly region: string;
  readonly registryId: string;
}

export interface RepositoryFilter {
  readonly filter: string;
  readonly filterType: 'PREFIX_MATCH';
}

export interface ReplicationRule {
  readonly destinations: readonly ReplicationDestination[];
  readonly repositoryFilters?: readonly RepositoryFilter[];
}

export interface ReplicationStatus {
  readonly region: string;
  readonly registryId: string;
  status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
  failureCode?: string;
}

/** How long a copy takes before its status leaves IN_PROGRESS (short, so tests stay fast). */
const COPY_DELAY_MS = 300;

const registryKey = (registry: { accountId: string; region: string }): string => `${registry.accountId}/${registry.region}`;
const imageKey = (repo: Repository, digest: string): string => `${storageName(repo)}@${digest}`;

export class Replicator {
  private readonly rules = new Map<string, readonly ReplicationRule[]>();
  private readonly statuses = new Map<string, ReplicationStatus[]>();
  /** True while a replicated copy records its own push: ECR does not chain replication. */
  private copying = false;

  constructor(private readonly state: SandboxState) {
    state.onPush((repo, digest) => this.pushed(repo, digest));
  }

  rulesOf(registry: RegistryState): readonly ReplicationRule[] {
    return this.rules.get(registryKey(registry)) ?? [];
  }

  setRules(registry: RegistryState, rules: readonly ReplicationRule[]): void {
    this.rules.set(registryKey(registry), rules);
  }

  statusesOf(repo: Repository, digest: string): readonly ReplicationStatus[] {
    return this.statuses.get(imageKey(repo, digest)) ?? [];
  }

  private pushed(repo: Repository, digest: string): void {
    if (this.copying) return;
    const destinations = destinationsFor(this.rulesOf(repo.registry), repo);
    if (destinations.length === 0) return;
    const statuses = destinations.map((d): ReplicationStatus => ({ region: d.region, registryId: d.registryId, status: 'IN_PROGRESS' }));
    this.statuses.set(imageKey(repo, digest), statuses);
    this.state.later(COPY_DELAY_MS, () => {
      for (const status of statuses) {
        this.copy(repo, digest, status).then(
          () => (status.status = 'COMPLETE'),
          (error: unknown) => {
            status.status = 'FAILED';
            status.failureCode = (error as Error).message;
          },
        );
      }
    });
  }

  private async copy(source: Repository, digest: string, status: ReplicationStatus): Promise<void> {
    if (this.state.faults.isDenied('ecr:ReplicateImage')) {
      throw new Error(`ReplicationAccessDenied: not authorized to perform ecr:ReplicateImage on registry ${status.registryId} in ${status.region}`);
    }
    const registry = await this.state.ensureRegistry(status.registryId, status.region);
    const target = registry.repositories.get(source.name) ?? addRepository(registry, source.name);
    const storage = this.state.storage;
    const from = storageName(source);
    const to = storageName(target);
    const linkImage = (manifestDigest: string, tags: readonly string[]): void => {
      const bytes = storage.readBlob(manifestDigest);
      if (!bytes) throw new Error(`ImageNotFound: manifest ${manifestDigest} is no longer in the source repository`);
      const facts = manifestFacts(bytes);
      for (const child of facts.children) linkImage(child.digest, []);
      const config = (JSON.parse(bytes.toString()) as { config?: { digest?: string } }).config?.digest;
      for (const blob of [...facts.layers.map((layer) => layer.digest), ...(config ? [config] : [])]) storage.linkLayer(to, blob);
      storage.linkManifest(to, manifestDigest);
      for (const tag of tags) storage.linkManifest(to, manifestDigest, tag);
    };
    const tags = [...storage.tags(from)].filter(([, tagged]) => tagged === digest).map(([tag]) => tag);
    linkImage(digest, tags);
    this.copying = true;
    try {
      this.state.recordPush(target, digest);
    } finally {
      this.copying = false;
    }
  }
}

/** The distinct destinations of every rule that matches the repository (no filters: every repository). */
export function destinationsFor(rules: readonly ReplicationRule[], repo: Repository): ReplicationDestination[] {
  const found = new Map<string, ReplicationDestination>();
  for (const rule of rules) {
    const filters = rule.repositoryFilters ?? [];
    if (filters.length > 0 && !filters.some((f) => repo.name.startsWith(f.filter))) continue;
    for (const destination of rule.destinations) {
      const self = destination.registryId === repo.registry.accountId && destination.region === repo.registry.region;
      if (!self) found.set(`${destination.registryId}/${destination.region}`, destination);
    }
  }
  return [...found.values()];
}

const replicators = new WeakMap<SandboxState, Replicator>();

/** The sandbox's one replicator (created with the first replication call; nothing replicates before). */
export function replicationOf(state: SandboxState): Replicator {
  let replicator = replicators.get(state);
  if (!replicator) {
    replicator = new Replicator(state);
    replicators.set(state, replicator);
  }
  return replicator;
}
