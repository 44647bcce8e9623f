import type { CommandFactory } from '.';
import { plainText, PROGRESS_MAX_LENGTH } from '../core/plainText';
import { imageLabel } from '../explorer/format';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, otherAccountOf, repositoryName } from './nodeArgs';

const POLL_MS = 1500;

/** Starts a basic scan and follows it until COMPLETE or FAILED, then refreshes the repository. */
export const startScan: CommandFactory = (ctx) => ({
  id: 'ecr.startScan',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node?.image.imageDigest) return undefined;
    const repo = repositoryName(node);
    const api = await apiOf(ctx, node);
    const imageId = { imageDigest: node.image.imageDigest };
    const registryId = otherAccountOf(node);
    const label = `${repo} ${imageLabel(node.image.imageTags)}`;
    const status = await withProgress(
      `Scanning ${label}`,
      async (progress, token) => {
        await api.startScan(repo, imageId, registryId);
        for (;;) {
          const result = await api.scanFindings(repo, imageId, registryId);
          const current = result?.imageScanStatus?.status ?? 'PENDING';
          progress.report({ message: plainText(current.toLowerCase().replace('_', ' '), PROGRESS_MAX_LENGTH) });
          if (current !== 'IN_PROGRESS' && current !== 'PENDING') return result?.imageScanStatus;
          if (token.isCancellationRequested) return result?.imageScanStatus; // the scan goes on in ECR
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      },
      true,
    );
    ctx.log.info(`Scan of ${label}: ${status?.status ?? 'unknown'}${status?.description ? ` (${status.description})` : ''}`);
    ctx.model.refresh(node.parent); // clears the hovers' and diagnostics' answers about it too
    return status?.status;
  },
});
