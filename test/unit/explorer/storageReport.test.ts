import * as assert from 'node:assert/strict';
import { DEFAULT_PRICES, summariseRepository } from '../../../src/core/storage';
import { storageReportMarkdown } from '../../../src/explorer/storageReport';

const MB = 1024 ** 2;
const now = new Date('2026-06-01T00:00:00Z');
const old = new Date('2026-01-01T00:00:00Z');
const options = { staleDays: 90, prices: DEFAULT_PRICES, now };

describe('storage report markdown', () => {
  it('lists repositories by size and by reclaimable size with costs', () => {
    const big = summariseRepository('big', [{ tags: ['a'], sizeInBytes: 300 * MB, pushedAt: now, lastPulledAt: now, archived: false }], options);
    const stale = summariseRepository('stale', [
      { tags: ['a'], sizeInBytes: 100 * MB, pushedAt: old, archived: false },
      { tags: [], sizeInBytes: 50 * MB, pushedAt: now, archived: false },
    ], options);
    const markdown = storageReportMarkdown({ registryLabel: 'east', repositories: [stale, big], failures: [], prices: DEFAULT_PRICES, unpulledDays: 90, generatedAt: now });
    assert.match(markdown, /2 repositories, 3 images, \*\*450 MB\*\* stored: about \*\*\$0\.044 a month\*\*/);
    assert.match(markdown, /Reclaimable: \*\*150 MB\*\*, about \*\*\$0\.015 a month\*\*/);
    const largest = markdown.slice(markdown.indexOf('## Largest'), markdown.indexOf('## Most'));
    assert.ok(largest.indexOf('| big |') < largest.indexOf('| stale |'), largest);
    assert.match(largest, /\| stale \| 2 \| 150 MB \| 1 \(50 MB\) \| 1 \(100 MB\) \| - \| \$0\.015 \|/);
    const reclaim = markdown.slice(markdown.indexOf('## Most'));
    assert.match(reclaim, /\| stale \| 2 \(150 MB\) \| \$0\.015 \|/);
    assert.ok(!reclaim.includes('| big |'), 'nothing to reclaim in big');
  });

  it('escapes names and messages from the network and has no command links', () => {
    const hostile = summariseRepository('a](command:evil)<img src=x>', [], options);
    const markdown = storageReportMarkdown({
      registryLabel: 'r',
      repositories: [hostile],
      failures: [{ repository: 'x', message: '[Sign in](command:workbench.action.terminal.sendSequence)' }],
      prices: DEFAULT_PRICES,
      unpulledDays: 90,
      generatedAt: now,
    });
    assert.ok(!markdown.includes('<img'), markdown);
    assert.ok(!/\]\(command:/.test(markdown), markdown);
    assert.ok(!markdown.includes('command:evil)'), markdown);
  });
});
