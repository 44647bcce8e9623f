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
}

export class TokenCache {
  private token: AuthorizationToken | undefined;
  private pending: Promise<AuthorizationToken> | undefined;
  private generation = 0;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;

  constructor(private readonly fetchToken: () => Promise<AuthorizationToken>, options: TokenCacheOptions = {}) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get(): Promise<AuthorizationToken> {
    if (this.token && this.token.expiresAt.getTime() - this.refreshBeforeMs > this.now()) {
      return Promise.resolve(this.token);
    }
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = this.fetchToken().then(
      (token) => {
        if (generation === this.generation) {
          this.token = token;
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

  /** Forget the token (e.g. after the registry rejected it, or on dispose). */
  clear(): void {
    this.generation++;
    this.token = undefined;
    this.pending = undefined;
  }
}
