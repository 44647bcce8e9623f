// Figures for the AWS side, measured against the local ECR sandbox with the unmodified SDK.
// Returns printable lines; each says how it was measured. Not a test: it reports, never fails.
import { startSandbox } from '../../sandbox';
import { createEcrApi } from '../../../src/aws/ecrClientApi';
import { RequestCounter } from '../../../src/aws/requestCounter';
import type { EcrApi } from '../../../src/aws/ecrApi';

const REPOSITORIES = 5_000;
const PAGE_SIZE = 100; // the ecr.pageSize default
const RUNS = 5;

export async function benchAws(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  const account = sandbox.accounts[0];
  const source = { id: 'bench', label: 'bench', region: account.region, endpoint: sandbox.endpoint, origin: 'setting' as const };
  const credentials = async () => ({ accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey });
  const open = (counter?: RequestCounter): EcrApi => createEcrApi(source, { credentials, counter });
  const lines: string[] = [];
  try {
    // Create the repositories through the API itself, 25 requests at a time.
    const creator = open();
    const createStart = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 25 }, async () => {
      while (next < REPOSITORIES) {
        const i = next++;
        await creator.createRepository({ name: `bench/repo-${String(i).padStart(5, '0')}`, tagMutability: 'MUTABLE', scanOnPush: false, encryption: 'AES256' });
      }
    }));
    creator.dispose();
    lines.push(`setup: ${REPOSITORIES} repositories created with CreateRepository through EcrApi (25 in flight) in ${(performance.now() - createStart).toFixed(0)} ms`);

    const firstPage: number[] = [];
    const firstPageWithInfo: number[] = [];
    const fullListing: number[] = [];
    let infoCalls = '';
    let fullCalls = 0;
    for (let run = 0; run < RUNS; run++) {
      // A fresh EcrApi (new ECRClient, empty caches) each run, as after opening VS Code.
      const counter = new RequestCounter();
      let api = open(counter);
      let t = performance.now();
      const page = await api.listRepositories({ maxResults: PAGE_SIZE });
      firstPage.push(performance.now() - t);
      if (page.items.length !== PAGE_SIZE) throw new Error(`first page had ${page.items.length} repositories`);
      api.dispose();

      const infoCounter = new RequestCounter();
      api = open(infoCounter);
      t = performance.now();
      await api.registryInfo();
      await api.listRepositories({ maxResults: PAGE_SIZE });
      firstPageWithInfo.push(performance.now() - t);
      infoCalls = Object.entries(infoCounter.snapshot()).map(([op, n]) => `${op} ${n}`).join(', ');

      const fullCounter = new RequestCounter();
      const full = open(fullCounter);
      t = performance.now();
      let total = 0;
      let nextToken: string | undefined;
      do {
        const p = await full.listRepositories({ maxResults: 1000, nextToken });
        total += p.items.length;
        nextToken = p.nextToken;
      } while (nextToken);
      fullListing.push(performance.now() - t);
      fullCalls = fullCounter.count();
      if (total !== REPOSITORIES) throw new Error(`listed ${total} repositories`);
      full.dispose();
      api.dispose();
    }
    const how = `median of ${RUNS} runs, each with a fresh EcrApi (new ECRClient, cold caches), performance.now() around the awaited calls, unmodified @aws-sdk/client-ecr over loopback to the sandbox`;
    lines.push(`first page of a ${REPOSITORIES}-repository registry (${PAGE_SIZE} repositories): ${median(firstPage)} ms, 1 API call (DescribeRepositories) - ${how}; all: ${list(firstPage)}`);
    lines.push(`registry info + first page (what the explorer does on expand): ${median(firstPageWithInfo)} ms, API calls: ${infoCalls} - same method; all: ${list(firstPageWithInfo)}`);
    lines.push(`all ${REPOSITORIES} repositories in pages of 1000: ${median(fullListing)} ms, ${fullCalls} DescribeRepositories calls - same method; all: ${list(fullListing)}`);

    // Image lookups for hovers/diagnostics: 250 tags asked by 25 callers in the same tick.
    await sandbox.bulkSeed({ repositoryName: 'bench/images', count: 250, tagPrefix: 't-' });
    const counter = new RequestCounter();
    const api = open(counter);
    const t = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, caller) =>
      api.describeImages('bench/images', Array.from({ length: 10 }, (_, i) => ({ imageTag: `t-${caller * 10 + i}` })))));
    const cold = performance.now() - t;
    const t2 = performance.now();
    await api.describeImages('bench/images', [{ imageTag: 't-0' }, { imageTag: 't-249' }]);
    const warm = performance.now() - t2;
    lines.push(`image lookups: 25 callers x 10 tags in one tick -> ${counter.count('DescribeImages')} DescribeImages calls (<= 100 ids each), ${cold.toFixed(1)} ms; repeat of 2 cached tags ${warm.toFixed(2)} ms with ${counter.count('DescribeImages') - 3} more calls - one run, performance.now(), sandbox over loopback`);
    api.dispose();
  } finally {
    await sandbox.stop();
  }
  return lines;
}

function median(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)].toFixed(1);
}

function list(values: number[]): string {
  return values.map((v) => v.toFixed(1)).join(', ') + ' ms';
}

if (require.main === module) {
  void benchAws().then((lines) => lines.forEach((line) => console.log(line)), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
