import * as assert from 'node:assert/strict';
import {
  DEFAULT_PRICES,
  byReclaimable,
  bySize,
  formatUsd,
  notPulledFor,
  previewSavings,
  summariseRegistry,
  summariseRepository,
  type StoredImage,
} from '../../../src/core/storage';

const GB = 1024 ** 3;
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * 86_400_000);
const image = (tags: string[], gb: number, pushed: number, pulled?: number, archived = false): StoredImage => ({
  tags,
  sizeInBytes: gb * GB,
  pushedAt: daysAgo(pushed),
  lastPulledAt: pulled === undefined ? undefined : daysAgo(pulled),
  archived,
});
const options = { staleDays: 30, prices: DEFAULT_PRICES, now };

describe('storage and cost (pure)', () => {
  it('counts size, untagged, unpulled (push time where never pulled), archived and reclaimable', () => {
    const summary = summariseRepository('web', [
      image(['latest'], 2, 100, 1), // pulled yesterday: kept
      image(['old'], 1, 100, 60), // not pulled for 60 days
      image(['never'], 1, 45), // never pulled, pushed 45 days ago
      image(['fresh'], 1, 5), // never pulled, pushed 5 days ago
      image([], 0.5, 3), // untagged, fresh
      image([], 0.5, 90), // untagged and unpulled: counted once as reclaimable
      image(['archived'], 4, 400, undefined, true),
    ], options);
    assert.deepEqual(summary.images, { count: 7, bytes: 10 * GB });
    assert.deepEqual(summary.untagged, { count: 2, bytes: 1 * GB });
    assert.deepEqual(summary.unpulled, { count: 3, bytes: 2.5 * GB });
    assert.deepEqual(summary.archived, { count: 1, bytes: 4 * GB });
    assert.deepEqual(summary.reclaimable, { count: 4, bytes: 3 * GB });
    // 6 GB standard at $0.10 + 4 GB archive at $0.10
    assert.equal(summary.monthlyCost.toFixed(4), '1.0000');
    assert.equal(summary.reclaimableMonthlyCost.toFixed(4), '0.3000');
  });

  it('prices standard and archive storage separately', () => {
    const summary = summariseRepository('a', [image(['x'], 10, 1, 1), image(['y'], 10, 1, 1, true)], {
      ...options,
      prices: { standardPerGbMonth: 0.1, archivePerGbMonth: 0.07 },
    });
    assert.equal(summary.monthlyCost.toFixed(2), '1.70');
  });

  it('ignores invalid sizes and dates rather than counting them', () => {
    const summary = summariseRepository('h', [{ tags: ['x'], sizeInBytes: NaN, pushedAt: new Date(NaN), archived: false }], options);
    assert.deepEqual(summary.images, { count: 1, bytes: 0 });
    assert.equal(summary.unpulled.count, 0);
    assert.equal(notPulledFor({ tags: [], sizeInBytes: 1, archived: false }, 1, now), false);
  });

  it('sorts by size and by reclaimable size, and totals a registry', () => {
    const big = summariseRepository('big', [image(['a'], 5, 1, 1)], options);
    const stale = summariseRepository('stale', [image(['a'], 2, 100)], options);
    const small = summariseRepository('small', [image([], 1, 100)], options);
    assert.deepEqual([small, stale, big].sort(bySize).map((r) => r.name), ['big', 'stale', 'small']);
    assert.deepEqual([small, big, stale].sort(byReclaimable).map((r) => r.name), ['stale', 'small', 'big']);
    const total = summariseRegistry([big, stale, small]).total;
    assert.deepEqual(total.images, { count: 3, bytes: 8 * GB });
    assert.deepEqual(total.reclaimable, { count: 2, bytes: 3 * GB });
    assert.equal(formatUsd(total.monthlyCost), '$0.80');
  });

  it('formats dollars, keeping small amounts visible', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(0.00042), '$0.00042');
  });

  it('tells what a preview frees: expired images whole, archived ones the price difference', () => {
    const sizes = new Map([['sha256:a', 2 * GB], ['sha256:b', 10 * GB]]);
    const savings = previewSavings(
      [{ imageDigest: 'sha256:a', action: { type: 'EXPIRE' } }, { imageDigest: 'sha256:b', action: { type: 'TRANSITION' } }],
      sizes,
      { standardPerGbMonth: 0.1, archivePerGbMonth: 0.07 },
    );
    assert.deepEqual(savings.expiring, { count: 1, bytes: 2 * GB });
    assert.deepEqual(savings.archiving, { count: 1, bytes: 10 * GB });
    assert.equal(savings.monthlySaving.toFixed(2), '0.50');
  });
});
