import type { CommandFactory } from '.';
import { imageLabel } from '../explorer/format';
import { notify } from '../ui/logger';
import { withProgress } from '../ui/progress';
import { apiOf, imageArg, repositoryName } from './nodeArgs';

/** Brings an archived image back to standard storage (ECR restores it within about 20 minutes). */
export const restoreImage: CommandFactory = (ctx) => ({
  id: 'ecr.restoreImage',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node?.image.imageDigest) return undefined;
    const repo = repositoryName(node);
    const label = imageLabel(node.image.imageTags);
    const status = await withProgress(`Restoring ${repo} ${label}`, async () =>
      (await apiOf(ctx, node)).updateImageStorageClass(repo, { imageDigest: node.image.imageDigest }, 'STANDARD'),
    );
    ctx.log.info(`Restoring ${repo}@${node.image.imageDigest} (${status ?? 'status not reported'})`);
    ctx.model.refresh(node.parent);
    void notify(ctx.log, 'information', `Restoring ${repo} ${label} from the archive: it can be pulled once ECR has restored it (up to 20 minutes).`);
    return status;
  },
});
