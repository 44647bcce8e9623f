// A list read page after page (DescribeImages, DescribeRepositories), shown while it loads: what
// has arrived, already in the final order (newest first, by name), then all of it. Cancel keeps
// what was loaded; resume goes on from the page that was cut off. No vscode import.
import type { Page } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';

/** `partial`: stopped before the last page (cancelled, or failed: then `problem` says why). */
export type ListingState = 'loading' | 'complete' | 'partial';

export interface ListingSnapshot<T> {
  /** Everything loaded so far, in order. */
  readonly items: readonly T[];
  /** How many were loaded (`items` may be filtered down). */
  readonly loaded: number;
  readonly state: ListingState;
  readonly problem?: EcrProblem;
}

export interface PagedListingOptions<T> {
  fetch(nextToken: string | undefined, signal: AbortSignal): Promise<Page<T>>;
  compare(a: T, b: T): number;
  problemOf(error: unknown): Promise<EcrProblem>;
  /** The snapshot changed. Called at most once per `redrawMs`: pages that arrive faster are shown together. */
  changed(): void;
  redrawMs?: number;
}

/** A redraw per page at most, and fewer when pages come faster than a person can read them. */
const REDRAW_MS = 100;

export class PagedListing<T> {
  private items: T[] = [];
  /** The token of the next page to ask for (kept while that page is under way, for resume). */
  private nextToken?: string;
  private state: ListingState = 'loading';
  private problem?: EcrProblem;
  private run?: AbortController;
  private disposed = false;
  private firstPage = false;
  private readonly waiting: (() => void)[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private lastAnnounced = 0;
  /** Counts changes; and the oldest change count a reader was handed since the last announcement. */
  private version = 0;
  private oldestHanded?: number;

  constructor(private readonly options: PagedListingOptions<T>) {
    void this.load();
  }

  /** What is loaded now; handing it out is remembered, so a later change is announced to its reader. */
  snapshot(): ListingSnapshot<T> {
    this.oldestHanded = Math.min(this.oldestHanded ?? this.version, this.version);
    return { items: this.items, loaded: this.items.length, state: this.state, problem: this.problem };
  }

  /** Once the first page is in, or the listing stopped before it: what a first look shows. */
  async ready(): Promise<ListingSnapshot<T>> {
    if (!this.firstPage && this.state === 'loading' && !this.disposed) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.snapshot();
  }

  /** Once no page is under way: complete, cancelled or failed. */
  async settled(): Promise<ListingSnapshot<T>> {
    while (this.state === 'loading' && !this.disposed) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.snapshot();
  }

  /** Stops asking for pages; what was loaded stays. The page under way is dropped (resume asks for it again). */
  cancel(): void {
    if (this.state !== 'loading' || this.disposed) return;
    this.run?.abort();
    this.run = undefined;
    this.state = 'partial';
    this.wake();
    this.announce();
  }

  /** Goes on after a cancel or a failure, from the first page not loaded. */
  resume(): void {
    if (this.state !== 'partial' || this.disposed) return;
    this.state = 'loading';
    this.problem = undefined;
    this.announce();
    void this.load();
  }

  /** Forgotten (a refresh): no more calls, no more announcements. */
  dispose(): void {
    this.disposed = true;
    this.run?.abort();
    this.run = undefined;
    clearTimeout(this.timer);
    this.wake();
  }

  private async load(): Promise<void> {
    const run = new AbortController();
    this.run = run;
    try {
      do {
        const page = await this.options.fetch(this.nextToken, run.signal);
        if (run.signal.aborted) return; // cancelled or refreshed meanwhile: that page is not shown
        this.merge(page.items);
        this.nextToken = page.nextToken;
        this.firstPage = true;
        if (this.nextToken) {
          this.wake();
          this.announce();
        }
      } while (this.nextToken);
      this.state = 'complete';
    } catch (error) {
      if (run.signal.aborted) return;
      const problem = await this.options.problemOf(error);
      if (run.signal.aborted) return;
      this.problem = problem;
      this.state = 'partial';
    }
    this.run = undefined;
    this.wake();
    this.announce();
  }

  /** Merges a page into the sorted items: linear, and a new array, so snapshots handed out stay as they were. */
  private merge(page: readonly T[]): void {
    const incoming = [...page].sort(this.options.compare);
    const merged: T[] = [];
    let i = 0;
    let j = 0;
    while (i < this.items.length && j < incoming.length) {
      merged.push(this.options.compare(incoming[j], this.items[i]) < 0 ? incoming[j++] : this.items[i++]);
    }
    while (i < this.items.length) merged.push(this.items[i++]);
    while (j < incoming.length) merged.push(incoming[j++]);
    this.items = merged;
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /**
   * The snapshot changed: a redraw once the interval allows, if a reader holds an older one. A tree
   * that got all of it at once (one page) is not told again: a redraw right after VS Code drew the
   * rows can leave rows VS Code no longer knows, so the actions on them get no node.
   */
  private announce(): void {
    this.version++;
    if (this.disposed || this.timer) return;
    const wait = Math.max(0, this.lastAnnounced + (this.options.redrawMs ?? REDRAW_MS) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed || this.oldestHanded === undefined || this.oldestHanded === this.version) return;
      this.lastAnnounced = Date.now();
      this.oldestHanded = undefined; // told: the tree reads again
      this.options.changed();
    }, wait);
  }
}
