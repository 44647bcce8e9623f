// Promises cached for a time-to-live chosen per value; a pending promise is shared by every caller
// (coalescing). The TTL is asked on every look, so a changed setting applies at once to answers
// already kept. Keys are strings; invalidation picks them by a predicate, and a pending promise
// it drops is never kept when it settles.
interface Entry<V> {
  readonly value: Promise<V>;
  settled?: { readonly value: V; readonly at: number };
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Fresh value for `key`, else `load()`; `ttlMs(value)` decides how long a value stays. */
  get(key: string, load: () => Promise<V>, ttlMs: (value: V) => number): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && (!entry.settled || this.now() - entry.settled.at < ttlMs(entry.settled.value))) return entry.value;
    const stored: Entry<V> = { value: load() };
    this.entries.set(key, stored);
    stored.value.then(
      (value) => (stored.settled = { value, at: this.now() }),
      () => this.entries.get(key) === stored && this.entries.delete(key),
    );
    return stored.value;
  }

  /** Drops every entry whose key `matches` (all entries without a predicate). */
  invalidate(matches: (key: string) => boolean = () => true): void {
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
