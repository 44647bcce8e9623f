// PagedListing's own logic, over pages given by hand (its `fetch` is our interface, not the SDK's):
// the order while pages arrive, cancel/resume without an item twice, no late page after a refresh.
import * as assert from 'node:assert/strict';
import type { Page } from '../../../src/aws/ecrApi';
import { PagedListing } from '../../../src/explorer/listing';

/** Pages answered when the test says so; each request records its token and signal. */
class PagesByHand {
  readonly requests: { token?: string; signal: AbortSignal; answer(page: Page<number>): void; fail(error: Error): void }[] = [];

  fetch = (token: string | undefined, signal: AbortSignal): Promise<Page<number>> =>
    new Promise((answer, fail) => this.requests.push({ token, signal, answer, fail }));

  private taken = 0;

  /** The next request not yet taken, once it is made. */
  async next(): Promise<PagesByHand['requests'][number]> {
    while (this.requests.length <= this.taken) await new Promise((r) => setImmediate(r));
    return this.requests[this.taken++];
  }
}

function listing(pages: PagesByHand, changed = () => undefined as void, redrawMs = 20): PagedListing<number> {
  return new PagedListing<number>({
    fetch: pages.fetch,
    compare: (a, b) => b - a, // "newest first": larger first
    problemOf: async (error) => ({ kind: 'other', message: String(error) }),
    changed,
    redrawMs,
  });
}

describe('PagedListing', () => {
  it('shows the loaded items in order while pages arrive, then all of them', async () => {
    const pages = new PagesByHand();
    const list = listing(pages);
    (await pages.next()).answer({ items: [3, 9, 1], nextToken: 'p2' });
    assert.deepEqual(await list.ready(), { items: [9, 3, 1], loaded: 3, state: 'loading', problem: undefined });
    const second = await pages.next();
    assert.equal(second.token, 'p2');
    second.answer({ items: [7, 12, 2], nextToken: 'p3' });
    (await pages.next()).answer({ items: [5] });
    assert.deepEqual((await list.settled()).items, [12, 9, 7, 5, 3, 2, 1]);
    assert.equal(list.snapshot().state, 'complete');
  });

  it('cancel keeps what was loaded and aborts the page under way; resume asks for that page again', async () => {
    const pages = new PagesByHand();
    const list = listing(pages);
    (await pages.next()).answer({ items: [1, 2], nextToken: 'p2' });
    const cut = await pages.next();
    list.cancel();
    assert.ok(cut.signal.aborted);
    cut.answer({ items: [3, 4], nextToken: 'p3' }); // too late: not shown
    assert.deepEqual(await list.settled(), { items: [2, 1], loaded: 2, state: 'partial', problem: undefined });
    list.resume();
    const again = await pages.next();
    assert.equal(again.token, 'p2');
    again.answer({ items: [3, 4] });
    assert.deepEqual((await list.settled()).items, [4, 3, 2, 1]);
  });

  it('keeps the items loaded before a failure, with the problem', async () => {
    const pages = new PagesByHand();
    const list = listing(pages);
    (await pages.next()).answer({ items: [1], nextToken: 'p2' });
    (await pages.next()).fail(new Error('ThrottlingException'));
    const settled = await list.settled();
    assert.deepEqual([settled.items, settled.state, settled.problem?.message], [[1], 'partial', 'Error: ThrottlingException']);
  });

  it('announces at most once per redraw interval, and nothing once disposed', async () => {
    const pages = new PagesByHand();
    let announced = 0;
    // A long interval, so a busy machine cannot stretch the three pages over two of them.
    const list = listing(pages, () => void announced++, 1000);
    (await pages.next()).answer({ items: [1], nextToken: 'p2' });
    assert.deepEqual((await list.ready()).items, [1], 'the tree draws the first page');
    (await pages.next()).answer({ items: [2], nextToken: 'p3' });
    (await pages.next()).answer({ items: [3], nextToken: 'p4' });
    await pages.next();
    while (announced === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(announced, 1, 'three pages within one interval: one redraw');
    list.dispose();
    pages.requests[3].answer({ items: [4] });
    // Past the interval: the redraw pending for pages 2 and 3 never comes once disposed.
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(announced, 1);
    assert.deepEqual(list.snapshot().items, [3, 2, 1]);
  });

  it('does not announce what every reader already has: a tree that got the only page at once is not redrawn', async () => {
    const pages = new PagesByHand();
    let announced = 0;
    const list = listing(pages, () => void announced++, 20);
    const drawn = list.ready();
    (await pages.next()).answer({ items: [2, 1] });
    assert.deepEqual(await drawn, { items: [2, 1], loaded: 2, state: 'complete', problem: undefined });
    // A redraw would come one interval after the page; ten intervals pass without one.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(announced, 0);
  });

  it('announces a change to a reader that holds an older snapshot, once, then again after it reads anew', async () => {
    const pages = new PagesByHand();
    let announced = 0;
    const list = listing(pages, () => void announced++, 20);
    (await pages.next()).answer({ items: [1], nextToken: 'p2' });
    assert.equal((await list.ready()).state, 'loading');
    (await pages.next()).answer({ items: [2], nextToken: 'p3' });
    while (announced === 0) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(list.snapshot().items, [2, 1], 'the tree reads again after the redraw');
    (await pages.next()).answer({ items: [3] });
    while (announced === 1) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(list.snapshot(), { items: [3, 2, 1], loaded: 3, state: 'complete', problem: undefined });
  });
});
