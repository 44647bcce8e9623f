// A build that hangs: the person clicks Cancel on the progress notification mid-build; nothing is
// pushed, and running "Build, Tag and Push" again works at once. The engine is a relay to the
// machine's engine that stalls the first build (see engineRelay.ts).
import * as assert from 'node:assert/strict';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { activateExtension } from '../helpers';
import { sdkClient } from '../sandbox';
import { click, requireUi, waitForElements } from '../ui';
import { EAST, find } from '../explorer/tree';
import { EngineRelay } from './engineRelay';
import { Journey, ROWS } from './journey';

const TOASTS = '.notifications-toasts .notification-list-item';

describe('Journey: build-tag-push cancelled mid-build, then run again', function () {
  this.timeout(180_000);
  let journey: Journey;
  const relay = new EngineRelay();
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(async () => {
    await relay.stop();
    await journey.end();
  });

  it('Cancel stops the build and pushes nothing; the next run pushes', async function () {
    requireUi(this);
    const api = await activateExtension();
    const { name, push } = await journey.pushable('app');
    await relay.start();
    await journey.setting('docker.host', `unix://${relay.path}`);
    const run = () => push('release');

    // The build hangs; the person clicks Cancel on its notification.
    relay.stallBuilds = true;
    const cancelled = run();
    const building = `${TOASTS}:has-text("Building")`;
    const toast = await waitForElements(building, (t) => t.some((x) => x.visible), 20_000);
    assert.ok(toast.some((x) => x.visible), 'a "Building" notification shows');
    await click(`${building} .monaco-button:has-text("Cancel")`);
    const outcome = await cancelled;
    assert.equal(outcome?.error?.kind, 'cancelled', JSON.stringify(outcome));
    const none = await sdkClient(0).send(new DescribeImagesCommand({ repositoryName: name }));
    assert.deepEqual(none.imageDetails ?? [], [], 'nothing was pushed');

    // The engine is well again; the same command, run again, pushes (no reload, no leftover state).
    relay.stallBuilds = false;
    const again = await run();
    assert.match(again?.digest ?? '', /^sha256:/, JSON.stringify(again));
    await journey.openView();
    await api.testing.explorerView.reveal((await find(EAST, name)).node, { expand: true });
    const rows = await waitForElements(ROWS, (r) => r.some((x) => x.visible && x.text.startsWith('release')), 20_000);
    assert.ok(rows.some((x) => x.visible && x.text.startsWith('release')), `rows: ${rows.map((r) => r.text).join(' | ')}`);
  });
});
