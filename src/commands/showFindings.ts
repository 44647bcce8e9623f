import type { CommandFactory } from '.';
import { normaliseFindings } from '../core/findings';
import { findingsMarkdown } from '../explorer/findingsMarkdown';
import { imageUri } from '../explorer/nodes';
import { apiOf, imageArg, otherAccountOf, repositoryName } from './nodeArgs';
import { shortDigest } from '../core/imageRef';

/** Opens the image's findings (basic and enhanced) by severity, with CVE links. */
export const showFindings: CommandFactory = (ctx) => ({
  id: 'ecr.showFindings',
  run: async (arg) => {
    const node = imageArg(ctx, arg);
    if (!node?.image.imageDigest) return undefined;
    const repo = repositoryName(node);
    const result = await (await apiOf(ctx, node)).scanFindings(repo, { imageDigest: node.image.imageDigest }, otherAccountOf(node));
    const findings = normaliseFindings(result?.imageScanFindings);
    const markdown = findingsMarkdown(
      {
        image: imageUri(node),
        digest: node.image.imageDigest,
        status: result?.imageScanStatus?.status,
        statusDescription: result?.imageScanStatus?.description,
        completedAt: result?.imageScanFindings?.imageScanCompletedAt,
      },
      findings,
    );
    const uri = await ctx.documents.openMarkdown(`${repo} findings ${shortDigest(node.image.imageDigest)}`, markdown);
    return uri.toString();
  },
});
