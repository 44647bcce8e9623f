// Benchmark: the Storage and Cleanup report of a registry with 1,000 repositories and 100,000
// images, and how many API calls it takes. The explorer's model, the report's scan and markdown
// run in Node with the real AWS module against the sandbox (seeded in bulk into registry storage).
import * as aws from '../../src/aws';
import { DEFAULT_PRICES } from '../../src/core/storage';
import { ExplorerModel } from '../../src/explorer/model';
import { storageReportMarkdown } from '../../src/explorer/storageReport';
import { scanRegistryStorage } from '../../src/explorer/storageScan';
import type { AwsModule } from '../../src/lazy';
import { startSandbox } from '../sandbox';

export async function benchStorageReport(repositories = 1000, imagesEach = 100): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  try {
    const account = sandbox.accounts[0];
    const seedStarted = performance.now();
    for (let i = 0; i < repositories; i++) {
      await sandbox.bulkSeed({ repositoryName: `bench/storage-${String(i).padStart(4, '0')}`, count: imagesEach, tagPrefix: i % 2 === 0 ? 'build-' : 'v' });
    }
    const seedMs = performance.now() - seedStarted;
    const counter = new aws.RequestCounter();
    const awsModule: AwsModule = { ...aws, createEcrApi: (source, options) => aws.createEcrApi(source, { ...options, counter }) };
    const model = new ExplorerModel({
      loadAws: async () => awsModule,
      settings: () => ({ registries: [{ region: account.region, endpoint: sandbox.endpoint, label: 'bench' }], regions: [], pageSize: 100 }),
      log: () => undefined,
    });
    process.env.AWS_ACCESS_KEY_ID = account.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = account.secretAccessKey;

    const report = async (): Promise<{ ms: number; calls: string; images: number; bytes: number }> => {
      const [registry] = (await model.registries()).filter((r) => r.source.label === 'bench');
      if (!registry?.api) throw new Error(`the bench registry is not reachable: ${registry?.problem?.message}`);
      counter.reset();
      const started = performance.now();
      const scan = await scanRegistryStorage(model, registry, { staleDays: 90, prices: DEFAULT_PRICES, now: new Date() });
      if ('problem' in scan) throw new Error(scan.problem);
      if (scan.failures.length > 0) throw new Error(`${scan.failures.length} repositories failed: ${scan.failures[0].message}`);
      const markdown = storageReportMarkdown({
        registryLabel: 'bench', repositories: scan.storage.repositories, failures: scan.failures, prices: DEFAULT_PRICES, unpulledDays: 90, generatedAt: new Date(),
      });
      const ms = performance.now() - started;
      if (!markdown.includes('## Largest repositories')) throw new Error('the report did not render');
      const calls = ['DescribeRepositories', 'DescribeImages'].map((op) => `${counter.count(op)} ${op}`).join(' + ');
      return { ms, calls, images: scan.storage.total.images.count, bytes: markdown.length };
    };
    const cold = await report();
    model.refresh(); // again with the sandbox's storage index warm, as a real ECR's would be
    const warm = await report();
    model.dispose();
    return [
      `sandbox bulk seed: ${repositories} repositories x ${imagesEach} images written into docker-registry storage in ${(seedMs / 1000).toFixed(1)} s`,
      `storage report of ${repositories} repositories / ${cold.images} images: ${cold.ms.toFixed(0)} ms cold (the sandbox reads each repository from its storage the first time), ` +
        `${warm.ms.toFixed(0)} ms after a refresh (target < 3 s); API calls: ${warm.calls} (cold: ${cold.calls}); ${(warm.bytes / 1024).toFixed(0)} KB of markdown - ` +
        'scanRegistryStorage() + storageReportMarkdown() in Node with the real AWS module against the sandbox, 16 DescribeImages in flight, performance.now()',
    ];
  } finally {
    await sandbox.stop();
  }
}
