import type { CommandFactory } from '.';
import { storageReportMarkdown } from '../explorer/storageReport';
import { scanRegistryStorage } from '../explorer/storageScan';
import { readConfig } from '../ui/config';
import { withProgress } from '../ui/progress';
import { registryArg } from './nodeArgs';

/** Opens the registry's "Storage and Cleanup" report: repositories by size and by reclaimable size, with costs. */
export const showStorageReport: CommandFactory = (ctx) => ({
  id: 'ecr.showStorageReport',
  run: async (arg) => {
    const node = await registryArg(ctx, arg);
    if (!node) return undefined;
    const { storage } = readConfig();
    const prices = { standardPerGbMonth: storage.standardPerGbMonth, archivePerGbMonth: storage.archivePerGbMonth };
    const label = node.registry.source.label;
    const scan = await withProgress(`Reading the storage of ${label}`, () =>
      scanRegistryStorage(ctx.model, node.registry, { staleDays: storage.unpulledDays, prices, now: new Date() }),
    );
    if ('problem' in scan) throw new Error(`The storage of ${label} could not be read: ${scan.problem}`);
    ctx.storageReports.remember(scan);
    const markdown = storageReportMarkdown({
      registryLabel: label,
      repositories: scan.storage.repositories,
      failures: scan.failures,
      prices,
      unpulledDays: storage.unpulledDays,
      generatedAt: new Date(),
    });
    const uri = await ctx.documents.openMarkdown(`${label} storage and cleanup`, markdown);
    return uri.toString();
  },
});
