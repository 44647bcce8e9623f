// Promises cached for a time-to-live chosen per value; a pending promise is shared by every caller
// (coalescing). Keys are strings; invalidation picks them by a predicate, and a pending promise
// it drops is never stored when it settles.
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Fresh value for `key`, else `load()`; `ttlMs(value)` decides how long the result stays. */
  get(key: string, load: () => Promise<V>, ttlMs: (value: V) => number): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return entry.value;
    const value = load();
    const stored = { value, expiresAt: Number.POSITIVE_INFINITY }; // pending: shared until it settles
    this.entries.set(key, stored);
    value.then(
      (v) => (stored.expiresAt = this.now() + ttlMs(v)),
      () => this.entries.get(key) === stored && this.entries.delete(key),
    );
    return value;
  }

  /** Drops every entry whose key `matches` (all entries without a predicate). */
  invalidate(matches: (key: string) => boolean = () => true): void {
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
