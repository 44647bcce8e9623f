// The tree from a hostile endpoint: dates out of JavaScript's range and digests with HTML must
// still give rows (VS Code shows nothing for a node whose getTreeItem throws).
import * as assert from 'node:assert/strict';
import { setFaults } from '../sandbox';
import { EAST, find, refreshAll, rows } from './tree';

describe('Explorer with a hostile endpoint', () => {
  afterEach(async () => {
    await setFaults('reset');
    await refreshAll();
  });

  it('shows repositories and images with "invalid date" when ECR sends dates out of range', async () => {
    await setFaults({ hostile: { invalidDates: true, invalidDigests: true } });
    await refreshAll();
    const web = await find(EAST, 'web');
    assert.match(web.tooltip, /Created: invalid date/);
    const images = await rows(web.node);
    assert.ok(images.length > 0, 'web has images');
    const latest = images.find((r) => /\blatest\b/.test(r.label));
    assert.ok(latest, `rows: ${images.map((r) => r.label).join(' | ')}`);
    assert.match(latest.tooltip, /Pushed: invalid date/);
    assert.ok(!latest.tooltip.includes('<img'), latest.tooltip);
  });
});
