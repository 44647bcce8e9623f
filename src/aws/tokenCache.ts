// Keeps the registry login token in memory until shortly before it expires; concurrent
// callers share one request. The token is never logged or written anywhere.

export interface AuthorizationToken {
  readonly username: string;
  readonly password: string;
  /** e.g. "https://111111111111.dkr.ecr.us-east-1.amazonaws.com" */
  readonly proxyEndpoint: string;
  readonly expiresAt: Date;
}

export interface TokenCacheOptions {
  /** Refresh this long before expiry (default 5 minutes), so a push never starts with a dying token. */
  readonly refreshBeforeMs?: number;
  readonly now?: () => number;
  /**
   * How long a token that arrives already expired (or within the refresh margin) is used before asking again
   * (default 10 minutes). ECR emulators such as LocalStack may give an `expiresAt` in the past while the
   * token works; taking it at its word would ask again on every call.
   */
  readonly minLifetimeMs?: number;
  /** Told once per cache when a token arrives with such an expiry (never the token itself). */
  readonly onPastExpiry?: (expiresAt: Date) => void;
}

export class TokenCache {
  private token: AuthorizationToken | undefined;
  /** When the cached token is asked for again: its expiry less the margin, or the minimum lifetime. */
  private refreshAt = 0;
  private toldPastExpiry = false;
  private pending: Promise<AuthorizationToken> | undefined;
  private generation = 0;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;
  private readonly minLifetimeMs: number;

  constructor(private readonly fetchToken: () => Promise<AuthorizationToken>, private readonly options: TokenCacheOptions = {}) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.minLifetimeMs = options.minLifetimeMs ?? 10 * 60_000;
  }

  get(): Promise<AuthorizationToken> {
    if (this.token && this.refreshAt > this.now()) {
      return Promise.resolve(this.token);
    }
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = this.fetchToken().then(
      (token) => {
        if (generation === this.generation) {
          this.token = token;
          this.refreshAt = this.refreshTime(token);
          this.pending = undefined;
        }
        return token;
      },
      (error: unknown) => {
        if (generation === this.generation) this.pending = undefined;
        throw error;
      },
    );
    this.pending = pending;
    return pending;
  }

  private refreshTime(token: AuthorizationToken): number {
    const now = this.now();
    const byExpiry = token.expiresAt.getTime() - this.refreshBeforeMs;
    if (byExpiry > now) return byExpiry;
    if (!this.toldPastExpiry) {
      this.toldPastExpiry = true;
      this.options.onPastExpiry?.(token.expiresAt);
    }
    return now + this.minLifetimeMs;
  }

  /** Forget the token (e.g. after the registry rejected it, or on dispose). */
  clear(): void {
    this.generation++;
    this.token = undefined;
    this.pending = undefined;
  }
}
