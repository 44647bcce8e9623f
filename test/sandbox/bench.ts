// Benchmark: DescribeImages over a 20,000-image repository through the real SDK and emulator.
import { DescribeImagesCommand, ECRClient, type DescribeImagesCommandOutput } from '@aws-sdk/client-ecr';
import { startSandbox } from './index';

const IMAGE_COUNT = 20_000;
const PAGE_SIZE = 1000;

export async function benchDescribeImages(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  try {
    const seeded = await sandbox.bulkSeed({ repositoryName: 'bench/large', count: IMAGE_COUNT });
    const account = sandbox.accounts[0];
    const ecr = new ECRClient({ endpoint: sandbox.endpoint, region: account.region, credentials: account, maxAttempts: 1 });
    await ecr.send(new DescribeImagesCommand({ repositoryName: 'bench/large', maxResults: 1 })); // warm the SDK's code paths

    const run = async (): Promise<{ pages: number[]; total: number; images: number }> => {
      const pages: number[] = [];
      let images = 0;
      let nextToken: string | undefined;
      const started = performance.now();
      do {
        const t = performance.now();
        const page: DescribeImagesCommandOutput = await ecr.send(new DescribeImagesCommand({ repositoryName: 'bench/large', maxResults: PAGE_SIZE, nextToken }));
        pages.push(performance.now() - t);
        images += page.imageDetails?.length ?? 0;
        nextToken = page.nextToken;
      } while (nextToken);
      return { pages, total: performance.now() - started, images };
    };
    sandbox.state.images.invalidate({ registry: { accountId: account.accountId, region: account.region }, name: 'bench/large' });
    const cold = await run(); // first page re-reads the registry storage
    const warm = await run();
    const stats = (pages: number[]): string => {
      const sorted = [...pages].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      return `median ${median.toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
    };
    return [
      `sandbox bulk seed: ${seeded.count} images written into docker-registry storage in ${seeded.ms} ms`,
      `DescribeImages cold (${cold.images} images, ${cold.pages.length} pages of ${PAGE_SIZE}, unmodified @aws-sdk/client-ecr over loopback, timed with performance.now() around each send): first page ${cold.pages[0].toFixed(1)} ms (includes re-reading registry storage), pages ${stats(cold.pages)}, total ${cold.total.toFixed(0)} ms`,
      `DescribeImages warm (same method, second full pass): pages ${stats(warm.pages)}, total ${warm.total.toFixed(0)} ms (target < 50 ms per page)`,
    ];
  } finally {
    await sandbox.stop();
  }
}
