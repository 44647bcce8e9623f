// The explorer's data: registries, their repositories and images, loaded on demand, kept until
// refreshed, and announced through `onDidChange`. No vscode import: the tree only maps this.
import type { ImageDetail, Repository } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';
import type { RegistrySource } from '../aws/discovery';
import type { AwsModule } from '../lazy';
import type { ExplorerNode, RegistryEntry } from './nodes';

/** ECR's largest page: fewest calls to list a whole repository. */
const API_PAGE = 1000;

export type Listing<T> = { readonly items: readonly T[]; readonly problem?: undefined } | { readonly problem: EcrProblem; readonly items?: undefined };

export interface ExplorerSettings {
  readonly registries: readonly { region: string; profile?: string; endpoint?: string; label?: string }[];
  readonly regions: readonly string[];
  readonly pageSize: number;
  readonly apiOptions?: Parameters<AwsModule['createEcrApi']>[1];
}

export interface ExplorerModelDeps {
  loadAws(): Promise<AwsModule>;
  settings(): ExplorerSettings;
  log(message: string): void;
}

type Listener = (node: ExplorerNode | undefined) => void;

/** One discovery and the connections it started; replaced as a whole by a refresh. */
interface Loading {
  readonly sources: Promise<readonly RegistrySource[]>;
  /** Each registry's connection (login token, account, host), by source id. */
  readonly connections: Map<string, Promise<RegistryEntry>>;
  /** Connections that have settled, by source id. */
  readonly settled: Map<string, RegistryEntry>;
  readonly all: Promise<RegistryEntry[]>;
}

export class ExplorerModel {
  private loading?: Loading;
  private announcing = false;
  private readonly repositoriesCache = new Map<string, Promise<Listing<Repository>>>();
  private readonly imagesCache = new Map<string, Promise<Listing<ImageDetail>>>();
  /** How many children a node shows; grows with "Show more". */
  private readonly shown = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private filterText = '';

  constructor(private readonly deps: ExplorerModelDeps) {}

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get pageSize(): number {
    return this.deps.settings().pageSize;
  }

  get filter(): string {
    return this.filterText;
  }

  /** Case-insensitive substring filter over repository names. */
  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.shown.clear();
    this.fire(undefined);
  }

  /** Every registry once each has connected (or failed): for commands and lookups. */
  registries(): Promise<RegistryEntry[]> {
    return this.load().all;
  }

  /**
   * The registries as known now, for the tree: right after discovery (no network call), each
   * marked `connecting` until its account and host arrive; `onDidChange` announces each arrival.
   */
  async registriesNow(): Promise<RegistryEntry[]> {
    const loading = this.load();
    const sources = await loading.sources;
    return sources.map((source) => loading.settled.get(source.id) ?? { source, connecting: true });
  }

  repositories(registry: RegistryEntry): Promise<Listing<Repository>> {
    const key = registry.source.id;
    let listing = this.repositoriesCache.get(key);
    if (!listing) {
      listing = this.loadAll(registry, (api, nextToken) => api.listRepositories({ nextToken, maxResults: API_PAGE })).then((l) =>
        l.items ? { items: [...l.items].sort((a, b) => (a.repositoryName ?? '').localeCompare(b.repositoryName ?? '')) } : l,
      );
      this.repositoriesCache.set(key, listing);
    }
    return listing.then((l) => (l.items && this.filterText ? { items: l.items.filter((r) => (r.repositoryName ?? '').toLowerCase().includes(this.filterText)) } : l));
  }

  images(registry: RegistryEntry, repository: string): Promise<Listing<ImageDetail>> {
    const key = `${registry.source.id}/${repository}`;
    let listing = this.imagesCache.get(key);
    if (!listing) {
      // Newest first needs every image: ECR returns them in no particular order.
      // Archived images too (ECR lists ACTIVE ones only by default): the tree shows them as archived.
      listing = this.loadAll(registry, (api, nextToken) => api.listImages(repository, { nextToken, maxResults: API_PAGE, imageStatus: 'ANY' })).then((l) =>
        l.items ? { items: [...l.items].sort((a, b) => time(b.imagePushedAt) - time(a.imagePushedAt)) } : l,
      );
      this.imagesCache.set(key, listing);
    }
    return listing;
  }

  shownCount(nodeId: string): number {
    return this.shown.get(nodeId) ?? this.pageSize;
  }

  /** Back to one page everywhere (e.g. after the page size changed), keeping what was loaded. */
  resetPaging(): void {
    this.shown.clear();
    this.fire(undefined);
  }

  showMore(nodeId: string, node: ExplorerNode): void {
    this.shown.set(nodeId, this.shownCount(nodeId) + this.pageSize);
    this.fire(node);
  }

  /** Forgets what was loaded below `node` (everything without one) and announces it. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      void this.loading?.all.then((entries) => entries.forEach((e) => e.api?.dispose()));
      this.loading = undefined;
      this.repositoriesCache.clear();
      this.imagesCache.clear();
      this.shown.clear();
    } else if (node.kind === 'registry') {
      this.repositoriesCache.delete(node.registry.source.id);
      for (const key of [...this.imagesCache.keys()]) if (key.startsWith(`${node.registry.source.id}/`)) this.imagesCache.delete(key);
      node.registry.api?.invalidate();
    } else if (node.kind === 'repository') {
      const name = node.repository.repositoryName ?? '';
      this.imagesCache.delete(`${node.parent.registry.source.id}/${name}`);
      node.parent.registry.api?.invalidate(name);
    }
    this.fire(node);
  }

  dispose(): void {
    this.refresh();
    this.listeners.clear();
  }

  private fire(node: ExplorerNode | undefined): void {
    for (const listener of this.listeners) listener(node);
  }

  private load(): Loading {
    if (this.loading) return this.loading;
    const sources = this.discover();
    const connections = new Map<string, Promise<RegistryEntry>>();
    const settled = new Map<string, RegistryEntry>();
    const all = sources.then((list) =>
      Promise.all(
        list.map((source) => {
          const connection = this.connect(source).then((entry) => {
            if (this.loading !== loading) return entry;
            settled.set(source.id, entry);
            this.announceSoon();
            return entry;
          });
          connections.set(source.id, connection);
          return connection;
        }),
      ),
    );
    // A failed discovery is not kept: the next look asks again.
    all.catch(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    const loading: Loading = { sources, connections, settled, all };
    this.loading = loading;
    return loading;
  }

  private async discover(): Promise<readonly RegistrySource[]> {
    const aws = await this.deps.loadAws();
    const settings = this.deps.settings();
    const sources = await aws.discoverRegistries({ registries: settings.registries, extraRegions: settings.regions });
    this.deps.log(`Found ${sources.length} registr${sources.length === 1 ? 'y' : 'ies'}: ${sources.map((s) => s.label).join(', ') || 'none'}`);
    return sources;
  }

  private async connect(source: RegistrySource): Promise<RegistryEntry> {
    if (source.problem) return { source, problem: { kind: 'other', message: source.problem, action: { kind: 'configure', label: 'Open Settings' } } };
    const aws = await this.deps.loadAws();
    let api: RegistryEntry['api'];
    try {
      api = aws.createEcrApi(source, { ...this.deps.settings().apiOptions, warn: (message) => this.deps.log(`${source.label}: ${message}`) });
      return { source, api, info: await api.registryInfo() };
    } catch (error) {
      const problem = aws.classifyAwsError(error, source);
      this.deps.log(`${source.label}: ${problem.message}`);
      return { source, api, problem };
    }
  }

  /** Registries connect one by one: arrivals of the same moment redraw the top level once. */
  private announceSoon(): void {
    if (this.announcing) return;
    this.announcing = true;
    queueMicrotask(() => {
      this.announcing = false;
      this.fire(undefined);
    });
  }

  /** The registry's entry once connected (the tree may hold one that was still connecting). */
  private async connected(registry: RegistryEntry): Promise<RegistryEntry> {
    if (!registry.connecting) return registry;
    const loading = this.load();
    await loading.sources;
    return (await loading.connections.get(registry.source.id)) ?? registry;
  }

  private async loadAll<T>(
    given: RegistryEntry,
    page: (api: NonNullable<RegistryEntry['api']>, nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>,
  ): Promise<Listing<T>> {
    const registry = await this.connected(given);
    const api = registry.api;
    if (!api || registry.problem) return { problem: registry.problem ?? { kind: 'other', message: 'This registry could not be reached.' } };
    const items: T[] = [];
    try {
      let nextToken: string | undefined;
      do {
        const result = await page(api, nextToken);
        items.push(...result.items);
        nextToken = result.nextToken;
      } while (nextToken);
      return { items };
    } catch (error) {
      const aws = await this.deps.loadAws();
      const problem = aws.classifyAwsError(error, registry.source);
      this.deps.log(`${registry.source.label}: ${problem.message}`);
      return { problem };
    }
  }
}

function time(date: Date | undefined): number {
  return date ? new Date(date).getTime() : 0;
}
