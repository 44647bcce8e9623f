import type { CommandFactory } from '.';
import { apiOf, asNode, imageArg, repositoryName } from './nodeArgs';
import { shortDigest } from '../core/imageRef';

/** Opens the image's manifest (or a platform's manifest of an index) as read-only JSON. */
export const inspectManifest: CommandFactory = (ctx) => ({
  id: 'ecr.inspectManifest',
  run: async (arg) => {
    const platform = asNode(arg, 'platform');
    const node = platform?.parent ?? imageArg(ctx, arg);
    if (!node) return undefined;
    const digest = platform?.digest ?? node.image.imageDigest;
    const repo = repositoryName(node);
    const manifest = await (await apiOf(ctx, node)).getManifest(repo, { imageDigest: digest });
    const text = prettyJson(manifest.manifest);
    await ctx.documents.open(`${repo} ${shortDigest(digest)} manifest.json`, text, 'json');
    return text;
  },
});

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
