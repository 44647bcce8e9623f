// The explorer's data: registries, their repositories and images, loaded on demand, kept until
// refreshed, and announced through `onDidChange`. No vscode import: the tree only maps this.
import type { EcrApi, ImageDetail, Page, Repository } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';
import type { RegistrySource } from '../aws/discovery';
import type { ImageLookups, LookupScope } from '../aws/imageLookup';
import type { SigningFacts } from '../core/referrers';
import type { AwsModule, DiscoveryModule } from '../lazy';
import { PagedListing, type ListingSnapshot } from './listing';
import { registryNode, repositoryNode, type ExplorerNode, type RegistryEntry, type RegistryNode, type RepositoryNode } from './nodes';
import { groupKey, registryRows, transientRegistryMemory, type RegistryMemory, type RegistryRowSettings } from './registryRows';

/** ECR's largest page: fewest calls to list a whole repository. */
const API_PAGE = 1000;

export type Listing<T> = { readonly items: readonly T[]; readonly problem?: undefined } | { readonly problem: EcrProblem; readonly items?: undefined };

export interface ExplorerSettings extends RegistryRowSettings {
  readonly registries: readonly { region: string; profile?: string; endpoint?: string; label?: string }[];
  readonly regions: readonly string[];
  readonly pageSize: number;
  /** How long the image lookup layer keeps answers (default 5 minutes). */
  readonly cacheTtlMs?: number;
  readonly apiOptions?: Parameters<AwsModule['createEcrApi']>[1];
}

export interface ExplorerModelDeps {
  loadAws(): Promise<AwsModule>;
  /** The small bundle that finds registries (no AWS SDK), so the first rows need not wait for it. */
  loadDiscovery?(): Promise<DiscoveryModule>;
  settings(): ExplorerSettings;
  log(message: string): void;
  /** Accounts reached and profiles picked, kept between sessions; for this process only without it. */
  memory?: RegistryMemory;
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
  private readonly repositoriesCache = new Map<string, PagedListing<Repository>>();
  private readonly imagesCache = new Map<string, PagedListing<ImageDetail>>();
  /** How many children a node shows; grows with "Show more". */
  private readonly shown = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private filterText = '';
  private readonly memory: RegistryMemory;
  private lookupLayer?: Promise<ImageLookups>;
  private loadedLookups?: ImageLookups;

  constructor(private readonly deps: ExplorerModelDeps) {
    this.memory = deps.memory ?? transientRegistryMemory();
  }

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
   * The registry rows as known now, for the tree: right after discovery (no network call), each
   * marked `connecting` until its account and host arrive; `onDidChange` announces each arrival.
   * Hidden regions and profiles are left out; profiles reaching one account and region are one row.
   */
  async registriesNow(): Promise<RegistryEntry[]> {
    const loading = this.load();
    const sources = await loading.sources;
    const entries = sources.map((source) => loading.settled.get(source.id) ?? { source, connecting: true });
    return registryRows(entries, this.deps.settings(), this.memory);
  }

  /** Shows the group of registries `shown` stands for through `chosen` from now on. */
  preferRegistry(shown: RegistryEntry, chosen: RegistryEntry['source']): void {
    const key = groupKey(shown, this.memory);
    if (!key) return;
    this.memory.prefer(key, chosen.id);
    this.fire(undefined);
  }

  /** Draws the registry rows again from what is loaded (e.g. after hiding a region). */
  redraw(): void {
    this.fire(undefined);
  }

  /** The one image lookup layer: hovers, diagnostics and commands ask through it; refresh() clears it. */
  lookups(): Promise<ImageLookups> {
    this.lookupLayer ??= this.deps.loadAws().then((aws) => {
      this.loadedLookups = new aws.ImageLookups({ ttlMs: () => this.deps.settings().cacheTtlMs ?? 300_000 });
      return this.loadedLookups;
    });
    return this.lookupLayer;
  }

  /** An image's signatures and signing status, through the lookup layer (shared with the editor's hover). */
  async signing(registry: RegistryEntry, repository: string, digest: string): Promise<SigningFacts | undefined> {
    const identity = lookupScope(registry).registry;
    if (!registry.api || !identity) return undefined;
    return (await this.lookups()).signing({ api: registry.api, registry: identity }, repository, digest);
  }

  /** Every repository (sorted by name, filtered), once all pages are in or the listing stopped. */
  async repositories(registry: RegistryEntry): Promise<Listing<Repository>> {
    return this.filtered(asListing(await this.repositoryListing(registry).settled()));
  }

  /** The repositories loaded so far, once the first page is in: what the tree shows while the rest loads. */
  async repositoriesNow(registry: RegistryEntry): Promise<ListingSnapshot<Repository>> {
    return this.filtered(await this.repositoryListing(registry).ready());
  }

  /** Every image, newest first, once all pages are in or the listing stopped. */
  async images(registry: RegistryEntry, repository: string): Promise<Listing<ImageDetail>> {
    return asListing(await this.imageListing(registry, repository).settled());
  }

  /** The newest of the images loaded so far, once the first page is in. */
  imagesNow(registry: RegistryEntry, repository: string): Promise<ListingSnapshot<ImageDetail>> {
    return this.imageListing(registry, repository).ready();
  }

  /** Stops loading the children of `parent`, keeping what was loaded. */
  cancelLoading(parent: RegistryNode | RepositoryNode): void {
    this.listingOf(parent)?.cancel();
  }

  /** Goes on loading the children of `parent` where a cancel or a failure stopped it. */
  continueLoading(parent: RegistryNode | RepositoryNode): void {
    this.listingOf(parent)?.resume();
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
      for (const listing of [...this.repositoriesCache.values(), ...this.imagesCache.values()]) listing.dispose();
      this.repositoriesCache.clear();
      this.imagesCache.clear();
      this.shown.clear();
      this.loadedLookups?.invalidate();
      return this.fire(undefined);
    }
    if (node.kind === 'registry' && (node.registry.problem || this.loading?.settled.get(node.registry.source.id)?.problem)) {
      // A registry that could not connect (e.g. expired credentials) keeps its failed connection
      // until everything is loaded again: "Retry" on it must connect anew, for the editor too.
      return this.refresh();
    }
    if (node.kind !== 'registry' && node.kind !== 'repository') return this.fire(node);
    const twins = this.reachingSameRegistry(node.kind === 'registry' ? node.registry : node.parent.registry);
    for (const entry of twins) this.forget(entry, node.kind === 'repository' ? (node.repository.repositoryName ?? '') : undefined);
    this.fire(node);
    // The same row under the other registries: announced by id, as VS Code redraws only the rows
    // it is told of (a redraw from the top keeps expanded rows' old children).
    for (const entry of twins.slice(1)) this.fire(node.kind === 'registry' ? registryNode(entry) : repositoryNode(registryNode(entry), node.repository));
  }

  /** The registry's entry and every other entry reaching the same registry (e.g. a profile and a settings entry). */
  private reachingSameRegistry(registry: RegistryEntry): RegistryEntry[] {
    const host = registry.info?.host;
    const settled = [...(this.loading?.settled.values() ?? [])];
    return [registry, ...(host ? settled.filter((e) => e.source.id !== registry.source.id && e.info?.host === host) : [])];
  }

  /** Forgets a registry's repositories and images, or one repository's images. */
  private forget(registry: RegistryEntry, repository?: string): void {
    const id = registry.source.id;
    if (repository === undefined) {
      this.drop(this.repositoriesCache, id);
      for (const key of [...this.imagesCache.keys()]) if (key.startsWith(`${id}/`)) this.drop(this.imagesCache, key);
    } else {
      this.drop(this.imagesCache, `${id}/${repository}`);
    }
    this.loadedLookups?.invalidate(repository === undefined ? lookupScope(registry) : { ...lookupScope(registry), repository });
  }

  dispose(): void {
    this.refresh();
    this.listeners.clear();
  }

  /** A listing under way stops when forgotten: its late pages must not land in the next one's rows. */
  private drop(cache: Map<string, PagedListing<unknown>>, key: string): void {
    cache.get(key)?.dispose();
    cache.delete(key);
  }

  private fire(node: ExplorerNode | undefined): void {
    for (const listener of this.listeners) listener(node);
  }

  private load(): Loading {
    if (this.loading) return this.loading;
    const sources = this.discover();
    const connections = new Map<string, Promise<RegistryEntry>>();
    const settled = new Map<string, RegistryEntry>();
    // Connections start once the rows found are drawn: loading the AWS SDK blocks for a moment.
    const all = sources.then(afterDraw).then((list) =>
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
    const discovery = await (this.deps.loadDiscovery ?? this.deps.loadAws)();
    const settings = this.deps.settings();
    const sources = await discovery.discoverRegistries({ registries: settings.registries, extraRegions: settings.regions });
    this.deps.log(`Found ${sources.length} registr${sources.length === 1 ? 'y' : 'ies'}: ${sources.map((s) => s.label).join(', ') || 'none'}`);
    return sources;
  }

  private async connect(source: RegistrySource): Promise<RegistryEntry> {
    if (source.problem) return { source, problem: { kind: 'other', message: source.problem, action: { kind: 'configure', label: 'Open Settings' } } };
    const aws = await this.deps.loadAws();
    let api: RegistryEntry['api'];
    try {
      api = aws.createEcrApi(source, { ...this.deps.settings().apiOptions, warn: (message) => this.deps.log(`${source.label}: ${message}`) });
      const info = await api.registryInfo();
      this.memory.rememberAccount(source.id, info.accountId);
      return { source, api, info };
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
  async connected(registry: RegistryEntry): Promise<RegistryEntry> {
    if (!registry.connecting) return registry;
    const loading = this.load();
    // Connections start after the first draw (afterDraw in load()): a row drawn at once waits for its own.
    await loading.sources.then(afterDraw);
    return (await loading.connections.get(registry.source.id)) ?? registry;
  }

  private repositoryListing(registry: RegistryEntry): PagedListing<Repository> {
    const key = registry.source.id;
    let listing = this.repositoriesCache.get(key);
    if (!listing) {
      listing = this.pagedListing(
        registry,
        () => registryNode(registry),
        (api, nextToken, signal) => api.listRepositories({ nextToken, maxResults: API_PAGE, signal }),
        (a, b) => (a.repositoryName ?? '').localeCompare(b.repositoryName ?? ''),
      );
      this.repositoriesCache.set(key, listing);
    }
    return listing;
  }

  private imageListing(registry: RegistryEntry, repository: string): PagedListing<ImageDetail> {
    const key = `${registry.source.id}/${repository}`;
    let listing = this.imagesCache.get(key);
    if (!listing) {
      // Newest first: ECR returns images in no particular order, so each page is merged into place.
      // Archived images too (ECR lists ACTIVE ones only by default): the tree shows them as archived.
      listing = this.pagedListing(
        registry,
        () => repositoryNode(registryNode(registry), { repositoryName: repository }),
        (api, nextToken, signal) => api.listImages(repository, { nextToken, maxResults: API_PAGE, imageStatus: 'ANY', signal }),
        (a, b) => time(b.imagePushedAt) - time(a.imagePushedAt),
      );
      this.imagesCache.set(key, listing);
    }
    return listing;
  }

  private listingOf(parent: RegistryNode | RepositoryNode): PagedListing<unknown> | undefined {
    return parent.kind === 'registry'
      ? this.repositoriesCache.get(parent.registry.source.id)
      : this.imagesCache.get(`${parent.parent.registry.source.id}/${parent.repository.repositoryName ?? ''}`);
  }

  /** A listing of `given`'s items that announces its progress as a change of `node`. */
  private pagedListing<T>(
    given: RegistryEntry,
    node: () => ExplorerNode,
    fetch: (api: EcrApi, nextToken: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
    compare: (a: T, b: T) => number,
  ): PagedListing<T> {
    let registry: Promise<RegistryEntry> | undefined;
    return new PagedListing<T>({
      fetch: async (nextToken, signal) => {
        const entry = await (registry ??= this.connected(given));
        if (!entry.api || entry.problem) throw new Unreachable(entry.problem ?? { kind: 'other', message: 'This registry could not be reached.' });
        return fetch(entry.api, nextToken, signal);
      },
      compare,
      problemOf: async (error) => {
        if (error instanceof Unreachable) return error.problem;
        const problem = (await this.deps.loadAws()).classifyAwsError(error, given.source);
        this.deps.log(`${given.source.label}: ${problem.message}`);
        return problem;
      },
      changed: () => this.fire(node()),
    });
  }

  private filtered<L extends { readonly items?: readonly Repository[] }>(listing: L): L {
    if (!listing.items || !this.filterText) return listing;
    return { ...listing, items: listing.items.filter((r) => (r.repositoryName ?? '').toLowerCase().includes(this.filterText)) };
  }
}

/** A registry that could not be reached: its problem, not a failed call's. */
class Unreachable extends Error {
  constructor(readonly problem: EcrProblem) {
    super(problem.message);
  }
}

/** What commands get: every item, or the problem that stopped the listing. */
function asListing<T>(snapshot: ListingSnapshot<T>): Listing<T> {
  return snapshot.problem ? { problem: snapshot.problem } : { items: snapshot.items };
}

/** Resolves with `value` after pending I/O callbacks, such as sending the rows just drawn. */
function afterDraw<T>(value: T): Promise<T> {
  return new Promise((resolve) => setImmediate(() => resolve(value)));
}

/** The lookup answers about a registry, whichever profile asked; all of them when its account is unknown. */
function lookupScope({ info, source }: RegistryEntry): LookupScope {
  return info ? { registry: { accountId: info.accountId, region: source.region, endpoint: source.endpoint } } : {};
}

function time(date: Date | undefined): number {
  return date ? new Date(date).getTime() : 0;
}
