// The explorer's data: registries, their repositories and images, loaded on demand, kept until
// refreshed, and announced through `onDidChange`. No vscode import: the tree only maps this.
import type { ImageDetail, Repository } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';
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

export class ExplorerModel {
  private registriesCache?: Promise<RegistryEntry[]>;
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

  registries(): Promise<RegistryEntry[]> {
    this.registriesCache ??= this.loadRegistries();
    return this.registriesCache;
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
      listing = this.loadAll(registry, (api, nextToken) => api.listImages(repository, { nextToken, maxResults: API_PAGE })).then((l) =>
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
      void this.registriesCache?.then((entries) => entries.forEach((e) => e.api?.dispose()));
      this.registriesCache = undefined;
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

  private async loadRegistries(): Promise<RegistryEntry[]> {
    const aws = await this.deps.loadAws();
    const settings = this.deps.settings();
    const sources = await aws.discoverRegistries({ registries: settings.registries, extraRegions: settings.regions });
    this.deps.log(`Found ${sources.length} registr${sources.length === 1 ? 'y' : 'ies'}: ${sources.map((s) => s.label).join(', ') || 'none'}`);
    return Promise.all(
      sources.map(async (source): Promise<RegistryEntry> => {
        if (source.problem) return { source, problem: { kind: 'other', message: source.problem, action: { kind: 'configure', label: 'Open Settings' } } };
        const api = aws.createEcrApi(source, settings.apiOptions);
        try {
          return { source, api, info: await api.registryInfo() };
        } catch (error) {
          const problem = aws.classifyAwsError(error, source);
          this.deps.log(`${source.label}: ${problem.message}`);
          return { source, api, problem };
        }
      }),
    );
  }

  private async loadAll<T>(
    registry: RegistryEntry,
    page: (api: NonNullable<RegistryEntry['api']>, nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>,
  ): Promise<Listing<T>> {
    const api = registry.api;
    if (!api) return { problem: registry.problem ?? { kind: 'other', message: 'This registry could not be reached.' } };
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
