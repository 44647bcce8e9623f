// Benchmark: how fast the explorer shows the first page of a huge registry and of a huge
// repository, and how many API calls that takes. The explorer's own model and the real AWS
// module run in Node against the sandbox (the tree provider only maps the model's lists).
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import * as aws from '../../src/aws';
import { ExplorerModel } from '../../src/explorer/model';
import type { AwsModule } from '../../src/lazy';
import { startSandbox } from '../sandbox';

const REPOSITORIES = 5000;
const IMAGES = 20_000;
const PAGE_SIZE = 100; // the ecr.pageSize default

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

    counter.reset();
    let started = performance.now();
    const repositories = await model.repositories(registry);
    const repoMs = performance.now() - started;
    const repoCalls = counter.count('DescribeRepositories');

    counter.reset();
    started = performance.now();
    const images = await model.images(registry, 'bench/large');
    const imageMs = performance.now() - started;
    const imageCalls = counter.count('DescribeImages');
    // Again after a refresh: the sandbox has its storage index warm now, as a real ECR would.
    model.refresh();
    const [again] = (await model.registries()).filter((r) => r.source.label === 'bench');
    started = performance.now();
    await model.images(again, 'bench/large');
    const warmMs = performance.now() - started;
    model.dispose();
    return [
      `explorer, first page of a ${repositories.items?.length}-repository registry: ${repoMs.toFixed(0)} ms, ${repoCalls} DescribeRepositories calls (all repositories in pages of 1,000, sorted by name, first ${PAGE_SIZE} shown) - ExplorerModel.repositories() in Node with the real AWS module against the sandbox, performance.now()`,
      `explorer, first page of a ${images.items?.length}-image repository: ${imageMs.toFixed(0)} ms cold (the sandbox re-reads its storage on the first page), ${warmMs.toFixed(0)} ms after a refresh; ${imageCalls} DescribeImages calls (target < 2 s and no more calls than 1,000-image pages) - ExplorerModel.images(), same method`,
    ];
  } finally {
    await sandbox.stop();
  }
}
