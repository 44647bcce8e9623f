// ProgressAggregator on message sequences recorded from the real engine (test/fixtures/docker/recorded).
import assert from 'node:assert/strict';
import { ProgressAggregator, formatBytes, type ProgressSnapshot } from '../../../src/docker/progress';
import type { JsonMessage } from '../../../src/docker/jsonStream';
import { recorded } from './support/fixtures';

function replay(kind: 'push' | 'pull', messages: JsonMessage[]): { snapshots: ProgressSnapshot[]; aggregator: ProgressAggregator } {
  const aggregator = new ProgressAggregator(kind);
  const snapshots: ProgressSnapshot[] = [];
  for (const m of messages) {
    const s = aggregator.update(m);
    if (s) snapshots.push(s);
  }
  snapshots.push(aggregator.finish());
  return { snapshots, aggregator };
}

function assertMonotonic(snapshots: ProgressSnapshot[]): void {
  for (let i = 1; i < snapshots.length; i++) {
    assert.ok(snapshots[i].percent >= snapshots[i - 1].percent, `percent went back at ${i}: ${snapshots[i - 1].percent} -> ${snapshots[i].percent}`);
  }
}

describe('docker/progress ProgressAggregator', () => {
  it('push recording: moves forward only, ends at 100 with the digest', () => {
    const messages = recorded('push.jsonl');
    const { snapshots, aggregator } = replay('push', messages);
    assertMonotonic(snapshots);
    assert.equal(snapshots.at(-1)?.percent, 100);
    assert.ok(snapshots.slice(0, -1).every((s) => s.percent < 100), 'no 100 before the end');
    assert.ok(snapshots.some((s) => s.percent > 0 && s.percent < 100), 'shows intermediate progress');
    const aux = messages.find((m) => m.aux?.Digest)?.aux?.Digest;
    assert.match(aggregator.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(aggregator.digest, aux);
    assert.match(snapshots.find((s) => s.step.startsWith('Pushing layers'))?.step ?? '', /Pushing layers: \d of 3 done, [\d.]+ [KM]?B of [\d.]+ MB/);
    assert.match(snapshots.at(-1)?.step ?? '', /^Pushed 3 layers, digest sha256:/);
    const last = snapshots.at(-1);
    assert.ok(last && last.bytesTotal > 10_000_000 && last.bytesDone === last.bytesTotal, `bytes ${last?.bytesDone}/${last?.bytesTotal}`);
  });

  it('pull recording: download then extract, forward only, digest from "Digest:" line', () => {
    const { snapshots, aggregator } = replay('pull', recorded('pull.jsonl'));
    assertMonotonic(snapshots);
    assert.equal(snapshots.at(-1)?.percent, 100);
    assert.ok(snapshots.some((s) => s.step.startsWith('Downloading layers')));
    assert.ok(snapshots.some((s) => s.step.startsWith('Extracting layers')));
    assert.match(aggregator.digest ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  it('stays monotonic when late layers and sizes appear (shuffled-in layers, repeated Waiting)', () => {
    const a = new ProgressAggregator('push');
    const seq: JsonMessage[] = [
      { status: 'Preparing', id: 'a' },
      { status: 'Pushing', id: 'a', progressDetail: { current: 90, total: 100 } },
      // A new, large layer appears late: the bytes-weighted fraction would drop.
      { status: 'Preparing', id: 'b' },
      { status: 'Pushing', id: 'b', progressDetail: { current: 1, total: 10_000 } },
      { status: 'Waiting', id: 'a' },
      { status: 'Layer already exists', id: 'c' },
      { status: 'Retrying in 5 seconds', id: 'b' },
      { status: 'Pushing', id: 'b', progressDetail: { current: 5000, total: 10_000 } },
      { status: 'Pushed', id: 'b' },
      { status: 'Pushed', id: 'a' },
      { status: 'latest: digest: sha256:' + 'a'.repeat(64) + ' size: 1' },
    ];
    const snapshots: ProgressSnapshot[] = [];
    for (const m of seq) {
      const s = a.update(m);
      if (s) snapshots.push(s);
    }
    assert.ok(snapshots.some((s) => s.step.startsWith('Retrying: Retrying in 5 seconds')));
    assert.ok(snapshots.every((s) => s.percent <= 99));
    snapshots.push(a.finish());
    assertMonotonic(snapshots);
    assert.equal(a.digest, 'sha256:' + 'a'.repeat(64));
    assert.match(snapshots.at(-1)?.step ?? '', /Pushed 3 layers \(1 already there\)/);
  });

  it('formats bytes in decimal units', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1_982_256), '2.0 MB');
    assert.equal(formatBytes(200_000_000), '200.0 MB');
  });
});
