import type { CommandFactory } from '.';
import { ARCHIVE_MINIMUM_DAYS, formatUsd } from '../core/storage';
import { imageLabel } from '../explorer/format';
import { readConfig } from '../ui/config';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';

/** Moves the image to ECR's archive storage class, after saying what that means and asking. */
export const archiveImage: CommandFactory = (ctx) => ({
  id: 'ecr.archiveImage',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node?.image.imageDigest) return undefined;
    const repo = repositoryName(node);
    const label = imageLabel(node.image.imageTags);
    const { storage } = readConfig();
    const ok = await ctx.prompts.confirm(
      `Archive image ${label} of ${repo}? ECR bills an archived image for at least ${ARCHIVE_MINIMUM_DAYS} days.`,
      'Archive',
      [
        `An archived image cannot be pulled (or scanned) until it is restored; a restore takes up to 20 minutes.`,
        `Archived images have a minimum storage duration of ${ARCHIVE_MINIMUM_DAYS} days: deleting or restoring one earlier is still billed for the ${ARCHIVE_MINIMUM_DAYS} days.`,
        `Archive storage: ${formatUsd(storage.archivePerGbMonth)} per GB-month (standard: ${formatUsd(storage.standardPerGbMonth)}).`,
      ].join('\n'),
    );
    if (!ok) return undefined;
    const status = await withProgress(`Archiving ${repo} ${label}`, async () =>
      (await apiOf(ctx, node)).updateImageStorageClass(repo, { imageDigest: node.image.imageDigest }, 'ARCHIVE'),
    );
    ctx.log.info(`Archived ${repo}@${node.image.imageDigest} (${status ?? 'status not reported'})`);
    ctx.model.refresh(node.parent);
    return status;
  },
});
