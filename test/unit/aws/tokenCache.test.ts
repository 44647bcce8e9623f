import * as assert from 'node:assert/strict';
import { TokenCache, type AuthorizationToken } from '../../../src/aws/tokenCache';

describe('aws/tokenCache', () => {
  let now: number;
  let fetches: number;
  let nextExpiry: number;

  const fetchToken = async (): Promise<AuthorizationToken> => {
    fetches++;
    await new Promise((resolve) => setImmediate(resolve));
    return { username: 'AWS', password: `secret-${fetches}`, proxyEndpoint: 'https://r.example', expiresAt: new Date(nextExpiry) };
  };

  beforeEach(() => {
    now = 1_000_000;
    fetches = 0;
    nextExpiry = now + 12 * 3600_000;
  });

  it('shares one request between concurrent callers and then serves from memory', async () => {
    const cache = new TokenCache(fetchToken, { now: () => now });
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    assert.equal(fetches, 1);
    assert.ok(tokens.every((t) => t === tokens[0]));
    await cache.get();
    assert.equal(fetches, 1);
  });

  it('fetches again from 5 minutes before expiry', async () => {
    const cache = new TokenCache(fetchToken, { now: () => now });
    nextExpiry = now + 10 * 60_000;
    await cache.get();
    now += 4 * 60_000; // 6 minutes left
    await cache.get();
    assert.equal(fetches, 1);
    now += 60_000 + 1; // just under 5 minutes left
    assert.equal((await cache.get()).password, 'secret-2');
    assert.equal(fetches, 2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    let fail = true;
    const cache = new TokenCache(async () => {
      if (fail) throw new Error('denied');
      return fetchToken();
    }, { now: () => now });
    await assert.rejects(cache.get(), /denied/);
    fail = false;
    assert.equal((await cache.get()).username, 'AWS');
  });

  it('forgets the token on clear(), even one still being fetched', async () => {
    const cache = new TokenCache(fetchToken, { now: () => now });
    const first = cache.get();
    cache.clear();
    await first;
    await cache.get();
    assert.equal(fetches, 2);
  });

  it('uses a token that arrives already expired for the minimum lifetime, and says so once', async () => {
    const told: Date[] = [];
    const cache = new TokenCache(fetchToken, { now: () => now, minLifetimeMs: 10 * 60_000, onPastExpiry: (at) => told.push(at) });
    nextExpiry = now - 3600_000; // what some ECR emulators answer
    for (let i = 0; i < 20; i++) await cache.get();
    assert.equal(fetches, 1);
    now += 10 * 60_000 - 1;
    await cache.get();
    assert.equal(fetches, 1);
    now += 1;
    assert.equal((await cache.get()).password, 'secret-2');
    assert.equal(fetches, 2);
    assert.deepEqual(told, [new Date(1_000_000 - 3600_000)]);
  });
});
