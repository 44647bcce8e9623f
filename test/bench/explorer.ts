// Benchmark: how fast the explorer shows the first rows and the final order of a huge registry
// and of a huge repository, at 0 ms and at 150 ms per call, and how many API calls that takes. The explorer's own model and the real AWS
// module run in Node against the sandbox (the tree provider only maps the model's lists).
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import * as aws from '../../src/aws';
import { ExplorerModel } from '../../src/explorer/model';
import type { AwsModule } from '../../src/lazy';
import { startSandbox } from '../sandbox';

const REPOSITORIES = 5000;
const IMAGES = 20_000;
const PAGE_SIZE = 100; // the ecr.pageSize default
const LATENCIES = [0, 150];
const API_PAGE_LABEL = '1,000-item';

/** Time to the first rows and to the final order of one listing, from a fresh model cache. */
async function progressive<T>(
  counter: aws.RequestCounter,
  operation: string,
  now: () => Promise<{ items: readonly T[] }>,
  all: () => Promise<{ items?: readonly T[] }>,
): Promise<{ firstMs: number; firstCount: number; finalMs: number; count: number; calls: number }> {
  counter.reset();
  const started = performance.now();
  const first = await now();
  const firstMs = performance.now() - started;
  const final = await all();
  const finalMs = performance.now() - started;
  return { firstMs, firstCount: first.items.length, finalMs, count: final.items?.length ?? 0, calls: counter.count(operation) };
}

export async function benchExplorer(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  try {
    const account = sandbox.accounts[0];
    const ecr = new ECRClient({ endpoint: sandbox.endpoint, region: account.region, credentials: account });
    await sandbox.bulkSeed({ repositoryName: 'bench/large', count: IMAGES });
    for (let i = 0; i < REPOSITORIES - 1; i += 50) {
      const batch = Array.from({ length: Math.min(50, REPOSITORIES - 1 - i) }, (_, j) => `bench/repo-${String(i + j).padStart(5, '0')}`);
      await Promise.all(batch.map((repositoryName) => ecr.send(new CreateRepositoryCommand({ repositoryName }))));
    }
    const counter = new aws.RequestCounter();
    const awsModule: AwsModule = { ...aws, createEcrApi: (source, options) => aws.createEcrApi(source, { ...options, counter }) };
    const model = new ExplorerModel({
      loadAws: async () => awsModule,
      settings: () => ({ registries: [{ region: account.region, endpoint: sandbox.endpoint, label: 'bench' }], regions: [], pageSize: PAGE_SIZE }),
      log: () => undefined,
    });
    process.env.AWS_ACCESS_KEY_ID = account.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = account.secretAccessKey;
    const [registry] = (await model.registries()).filter((r) => r.source.label === 'bench');
    if (!registry?.api) throw new Error(`the bench registry is not reachable: ${registry?.problem?.message}`);

    const lines: string[] = [];
    // Warm the sandbox's storage index once, as a real ECR is always warm.
    let started = performance.now();
    await model.images(registry, 'bench/large');
    const coldMs = performance.now() - started;
    started = performance.now();
    await model.repositories(registry);
    lines.push(`explorer, the same repository cold (the sandbox re-reads its storage on the first page), 0 ms per call: all ${IMAGES} images in ${coldMs.toFixed(0)} ms; the ${REPOSITORIES} repositories in ${(performance.now() - started).toFixed(0)} ms`);
    for (const latencyMs of LATENCIES) {
      model.refresh();
      const [entry] = (await model.registries()).filter((r) => r.source.label === 'bench');
      sandbox.setFaults({ latencyMs });
      try {
        const images = await progressive(counter, 'DescribeImages', () => model.imagesNow(entry, 'bench/large'), () => model.images(entry, 'bench/large'));
        const repositories = await progressive(counter, 'DescribeRepositories', () => model.repositoriesNow(entry), () => model.repositories(entry));
        const target = latencyMs === 150 ? `; target first rows < 500 ms: ${images.firstMs < 500 ? 'met' : 'NOT met'}` : '';
        lines.push(
          `explorer, ${images.count}-image repository at ${latencyMs} ms per call: first image rows after ${images.firstMs.toFixed(0)} ms (${images.firstCount} images, newest of those first), final order after ${images.finalMs.toFixed(0)} ms, ${images.calls} DescribeImages calls${target}`,
          `explorer, ${repositories.count}-repository registry at ${latencyMs} ms per call: first repository rows after ${repositories.firstMs.toFixed(0)} ms, final order after ${repositories.finalMs.toFixed(0)} ms, ${repositories.calls} DescribeRepositories calls`,
        );
      } finally {
        sandbox.resetFaults();
      }
    }
    model.dispose();
    lines.push(
      `  (how: ExplorerModel in Node with the real AWS module and SDK against the sandbox, latency added by the sandbox's latencyMs fault to every call; timed with performance.now() from the call the tree makes on expand (imagesNow/repositoriesNow, which resolves when the first page is merged and shown) to that moment, and to the listing settling with all ${API_PAGE_LABEL} pages merged; registry already connected; sandbox storage warm)`,
    );
    return lines;
  } finally {
    await sandbox.stop();
  }
}
