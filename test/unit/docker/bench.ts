// Figures for the Docker side, called by the bench runner (not a mocha test):
// - push of a ~200 MB, 5-layer image through pushImage() vs `docker push`, same engine, each
//   push to a fresh registry (new port, empty storage) so no layer is skipped or mounted;
// - peak RSS growth of this process while building with a 20,000-file context.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { buildImage } from '../../../src/docker/build';
import { connect } from '../../../src/docker/connection';
import { tagImage } from '../../../src/docker/images';
import { pushImage } from '../../../src/docker/push';
import { removeImages, run } from './support/fixtures';
import { startRegistry } from './support/registry';

const LAYERS = 5;
const LAYER_MB = 40;
const ROUNDS = 5;
const FILES = 20_000;

export async function benchDocker(): Promise<string[]> {
  const { docker } = await connect();
  const lines: string[] = [];
  lines.push(...(await benchPush(docker)));
  lines.push(...(await benchContextMemory(docker)));
  return lines;
}

async function benchPush(docker: Docker): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-bench-push-'));
  const images = new Set<string>();
  try {
    await copyFile('/bin/busybox', join(dir, 'busybox'));
    const copies: string[] = [];
    for (let i = 0; i < LAYERS; i++) {
      await writeRandomFile(join(dir, `layer${i}.bin`), LAYER_MB);
      copies.push(`COPY layer${i}.bin /data/layer${i}.bin`);
    }
    await writeFile(join(dir, 'Dockerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', ...copies, ''].join('\n'));
    // A local tag keeps the image while the per-round registry tags are removed.
    const baseTag = `ecr-bench-big:${process.pid}`;
    const { imageId } = await buildImage(docker, { contextDir: dir, tags: [baseTag] });
    images.add(baseTag).add(imageId);
    const size = (await docker.getImage(imageId).inspect()).Size;

    const ours: number[] = [];
    const cli: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so neither side always runs on a warmer machine.
      const order: ['ours' | 'cli', number[]][] = round % 2 === 0 ? [['ours', ours], ['cli', cli]] : [['cli', cli], ['ours', ours]];
      for (const [who, times] of order) {
        const registry = await startRegistry({ auth: false });
        const ref = `${registry.host}/bench/big:${who}`;
        try {
          await tagImage(docker, imageId, ref);
          images.add(ref);
          const started = process.hrtime.bigint();
          if (who === 'ours') await pushImage(docker, ref);
          else await run('docker', ['push', ref], { maxBuffer: 64 << 20 });
          times.push(Number(process.hrtime.bigint() - started) / 1e9);
        } finally {
          await removeImages(docker, [ref]);
          await registry.stop();
        }
      }
    }
    const medOurs = median(ours);
    const medCli = median(cli);
    return [
      `push ${(size / 1e6).toFixed(0)} MB image, ${LAYERS} random layers of ${LAYER_MB} MB + busybox, to a fresh local registry each time: ` +
        `pushImage() median ${medOurs.toFixed(2)} s [${ours.map((t) => t.toFixed(2)).join(', ')}], ` +
        `\`docker push\` median ${medCli.toFixed(2)} s [${cli.map((t) => t.toFixed(2)).join(', ')}], ` +
        `ratio of medians ${(medOurs / medCli).toFixed(3)}, of minima ${(Math.min(...ours) / Math.min(...cli)).toFixed(3)} ` +
        `(target <= 1.10; ${ROUNDS} alternating rounds, wall clock from call to digest; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores)`,
    ];
  } finally {
    await removeImages(docker, images);
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchContextMemory(docker: Docker): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-bench-ctx-'));
  let imageId: string | undefined;
  try {
    const perDir = 100;
    for (let d = 0; d < FILES / perDir; d++) {
      const sub = join(dir, 'files', `d${d}`);
      await mkdir(sub, { recursive: true });
      await Promise.all(Array.from({ length: perDir }, (_, f) => writeFile(join(sub, `f${f}.txt`), randomBytes(1024).toString('hex'))));
    }
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY files /files\n');
    await writeFile(join(dir, '.dockerignore'), 'files/d0/f1*.txt\n');

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = process.hrtime.bigint();
    try {
      imageId = (await buildImage(docker, { contextDir: dir, noCache: true })).imageId;
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const growthMb = (peak - baseline) / 1e6;
    return [
      `build with a ${FILES.toLocaleString('en-US')}-file context (${((FILES * 2048) / 1e6).toFixed(0)} MB, .dockerignore active): ` +
        `peak RSS growth ${growthMb.toFixed(1)} MB (RSS sampled every 10 ms during buildImage(), minus RSS before${gc ? ' after gc()' : ', no --expose-gc'}), ` +
        `build ${seconds.toFixed(1)} s (target < 100 MB)`,
    ];
  } finally {
    if (imageId) await removeImages(docker, [imageId]);
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeRandomFile(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < megabytes; i++) if (!out.write(randomBytes(1 << 20))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// `node out/test/unit/docker/bench.js` prints the figures.
if (require.main === module) {
  benchDocker().then(
    (lines) => lines.forEach((l) => console.log(l)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
