import * as assert from 'node:assert/strict';
import { formatAge, formatBytes, imageLabel } from '../../../src/explorer/format';

describe('explorer formatting', () => {
  it('formats sizes the way the tree shows them', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(52_428_800), '50 MB');
    assert.equal(formatBytes(undefined), '?');
    assert.equal(formatBytes(-1), '?');
  });

  it('formats ages relative to now', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    assert.equal(formatAge(new Date(now - 30_000), now), 'just now');
    assert.equal(formatAge(new Date(now - 5 * 60_000), now), '5 min ago');
    assert.equal(formatAge(new Date(now - 2 * 3600_000), now), '2 h ago');
    assert.equal(formatAge(new Date(now - 3 * 86400_000), now), '3 d ago');
    assert.equal(formatAge(new Date(now - 65 * 86400_000), now), '2 mo ago');
    assert.equal(formatAge(new Date(now - 800 * 86400_000), now), '2 y ago');
    assert.equal(formatAge(undefined, now), '');
  });

  it('labels images by their tags, or <untagged>', () => {
    assert.equal(imageLabel(['1.0', 'latest']), '1.0, latest');
    assert.equal(imageLabel([]), '<untagged>');
    assert.equal(imageLabel(undefined), '<untagged>');
  });
});
