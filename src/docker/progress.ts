// Turns the engine's per-layer push/pull messages into one progress figure that only moves
// forward, with a step in words, for a single cancellable notification. Pure: no I/O.
import type { JsonMessage } from './jsonStream';
import { shortDigest } from '../core/imageRef';

export interface ProgressSnapshot {
  /** 0..100, never lower than the previous snapshot; 100 only once the operation is complete. */
  readonly percent: number;
  /** e.g. "Pushing layers: 2 of 5 done, 12.3 MB of 48.0 MB". */
  readonly step: string;
  readonly bytesDone: number;
  /** Sum of the layer sizes known so far (grows as the engine reports them). */
  readonly bytesTotal: number;
}

export type TransferKind = 'push' | 'pull';

type Phase = 'waiting' | 'download' | 'verify' | 'extract' | 'upload' | 'done';

interface Layer {
  phase: Phase;
  current: number;
  total: number | undefined;
  /** Set when the layer was found in the registry / locally rather than transferred. */
  skipped: boolean;
}

/** Layer statuses, mapped to a phase; "Mounted from <repo>" and "Retrying in n seconds" are prefixes. */
const PHASES: ReadonlyArray<[RegExp, Phase | 'keep', boolean?]> = [
  [/^(Preparing|Waiting|Pulling fs layer)$/, 'waiting'],
  [/^Pushing$/, 'upload'],
  [/^Downloading$/, 'download'],
  [/^(Verifying Checksum|Download complete)$/, 'verify'],
  [/^Extracting$/, 'extract'],
  [/^(Pushed|Pull complete)$/, 'done'],
  [/^(Layer already exists|Already exists|Mounted from .*)$/, 'done', true],
  [/^Retrying in /, 'keep'],
];

/** Share of a pulled layer's work that is the download; the rest is extraction. */
const DOWNLOAD_SHARE = 0.7;
const DIGEST = /(?:^|\s)(?:Digest|digest): (sha256:[0-9a-f]{64})/;

export class ProgressAggregator {
  private readonly layers = new Map<string, Layer>();
  private percent = 0;
  private step = '';
  private finalDigest: string | undefined;
  private retrying: string | undefined;

  constructor(private readonly kind: TransferKind) {}

  /** The image digest once the engine reported it (push: aux.Digest / "digest:"; pull: "Digest:"). */
  get digest(): string | undefined {
    return this.finalDigest;
  }

  /** Feeds one message; returns a snapshot when the figure or the step text changed. */
  update(message: JsonMessage): ProgressSnapshot | undefined {
    if (message.aux?.Digest) this.finalDigest = message.aux.Digest;
    const status = message.status ?? '';
    const digest = DIGEST.exec(status);
    if (digest) this.finalDigest = digest[1];
    const rule = message.id ? PHASES.find(([pattern]) => pattern.test(status)) : undefined;
    if (rule && message.id) this.updateLayer(message.id, rule[1], rule[2] === true, message);
    return this.changed();
  }

  /** The operation finished: 100 percent. */
  finish(): ProgressSnapshot {
    this.percent = 100;
    const n = this.layers.size;
    const skipped = [...this.layers.values()].filter((l) => l.skipped).length;
    const verb = this.kind === 'push' ? 'Pushed' : 'Pulled';
    const reused = skipped > 0 ? ` (${skipped} already there)` : '';
    this.step = `${verb} ${n} ${plural(n, 'layer')}${reused}${this.finalDigest ? `, digest ${shortDigest(this.finalDigest)}…` : ''}`;
    return this.snapshot();
  }

  snapshot(): ProgressSnapshot {
    const { done, total } = this.bytes();
    return { percent: this.percent, step: this.step, bytesDone: done, bytesTotal: total };
  }

  private updateLayer(id: string, phase: Phase | 'keep', skipped: boolean, message: JsonMessage): void {
    const layer = this.layers.get(id) ?? { phase: 'waiting', current: 0, total: undefined, skipped: false };
    this.layers.set(id, layer);
    if (phase === 'keep') {
      this.retrying = `${message.status} (layer ${id})`;
      return;
    }
    this.retrying = undefined;
    // A layer never goes back to an earlier phase (the engine may repeat "Waiting" late).
    if (order(phase) < order(layer.phase)) return;
    if (phase !== layer.phase) layer.current = 0;
    layer.phase = phase;
    layer.skipped = skipped;
    const detail = message.progressDetail;
    if (detail?.total && detail.total > 0 && (phase === 'upload' || phase === 'download')) layer.total = detail.total;
    if (detail?.current !== undefined) layer.current = Math.max(layer.current, detail.current);
  }

  private changed(): ProgressSnapshot | undefined {
    const percent = Math.max(this.percent, Math.min(99, Math.floor(this.fraction() * 100)));
    const step = this.describe();
    if (percent === this.percent && step === this.step) return undefined;
    this.percent = percent;
    this.step = step;
    return this.snapshot();
  }

  /** Work done, 0..1: layers weighted by size; a layer of unknown size weighs the mean known size. */
  private fraction(): number {
    const layers = [...this.layers.values()];
    if (layers.length === 0) return 0;
    const known = layers.filter((l) => l.total !== undefined);
    const meanSize = known.length > 0 ? known.reduce((s, l) => s + (l.total ?? 0), 0) / known.length : 1;
    let weight = 0;
    let done = 0;
    for (const layer of layers) {
      const size = layer.total ?? meanSize;
      weight += size;
      done += size * this.layerFraction(layer);
    }
    return weight > 0 ? done / weight : 0;
  }

  private layerFraction(layer: Layer): number {
    const part = layer.total ? Math.min(1, layer.current / layer.total) : 0;
    switch (layer.phase) {
      case 'waiting':
        return 0;
      case 'upload':
        return part;
      case 'download':
        return this.kind === 'pull' ? part * DOWNLOAD_SHARE : part;
      case 'verify':
        return DOWNLOAD_SHARE;
      case 'extract':
        // Extraction progress counts bytes of the compressed layer, like the download.
        return DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * part;
      case 'done':
        return 1;
    }
  }

  private bytes(): { done: number; total: number } {
    let done = 0;
    let total = 0;
    for (const layer of this.layers.values()) {
      if (layer.total === undefined) continue;
      total += layer.total;
      if (layer.phase === 'done' || layer.phase === 'verify' || layer.phase === 'extract') done += layer.total;
      else done += Math.min(layer.current, layer.total);
    }
    return { done, total };
  }

  private describe(): string {
    if (this.retrying) return `Retrying: ${this.retrying}`;
    const layers = [...this.layers.values()];
    const n = layers.length;
    if (n === 0) return this.kind === 'push' ? 'Preparing to push' : 'Preparing to pull';
    const finished = layers.filter((l) => l.phase === 'done').length;
    const { done, total } = this.bytes();
    const amount = total > 0 ? `, ${formatBytes(done)} of ${formatBytes(total)}` : '';
    const extracting = layers.some((l) => l.phase === 'extract');
    const moving = layers.some((l) => l.phase === 'upload' || l.phase === 'download');
    let verb: string;
    if (this.kind === 'push') verb = moving ? 'Pushing layers' : finished === n ? 'Finishing push' : 'Preparing layers';
    else verb = extracting ? 'Extracting layers' : moving ? 'Downloading layers' : finished === n ? 'Finishing pull' : 'Preparing layers';
    return `${verb}: ${finished} of ${n} done${amount}`;
  }
}

function order(phase: Phase): number {
  return ['waiting', 'upload', 'download', 'verify', 'extract', 'done'].indexOf(phase);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** 1536 -> "1.5 KB" (decimal units, as the docker CLI prints them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
