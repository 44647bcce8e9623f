import type { CommandFactory } from '.';
import { apiOf, asNode, repositoryName } from './nodeArgs';
import { errorMessage } from '../core/errors';
import { shortDigest } from '../core/imageRef';
import { artifactKind, sbomPackages, type SbomContents } from '../core/referrers';
import { imageLabel } from '../explorer/format';
import { referrerMarkdown } from '../explorer/referrerMarkdown';

/** An SBOM document is read whole to list its packages; larger ones are not read. */
const MAX_SBOM_BYTES = 16 * 1024 * 1024;

/** Opens a signature, SBOM or attestation: its manifest and, for an SBOM, the packages it lists. */
export const openReferrer: CommandFactory = (ctx) => ({
  id: 'ecr.openReferrer',
  run: async (arg) => {
    const node = asNode(arg, 'referrer');
    if (!node) return undefined;
    const image = node.parent;
    const repository = repositoryName(image);
    const api = await apiOf(ctx, image);
    const manifest = await api.getManifest(repository, { imageDigest: node.referrer.digest });
    let sbom: SbomContents | undefined;
    let sbomProblem: string | undefined;
    if (artifactKind(node.referrer.artifactType).category === 'sbom') {
      const layer = (JSON.parse(manifest.manifest) as { layers?: { digest?: unknown }[] }).layers?.[0]?.digest;
      try {
        if (typeof layer !== 'string') throw new Error('the SBOM artifact has no document layer');
        sbom = sbomPackages((await api.readBlob(repository, layer, MAX_SBOM_BYTES)).toString('utf8'));
        if (!sbom) sbomProblem = 'its document is not SPDX or CycloneDX JSON';
      } catch (error) {
        sbomProblem = errorMessage(error);
      }
    }
    const subject = `${repository}:${imageLabel(image.image.imageTags).split(', ')[0]}`;
    const markdown = referrerMarkdown({ referrer: node.referrer, subject, subjectDigest: image.image.imageDigest, manifest: manifest.manifest, sbom, sbomProblem });
    await ctx.documents.openMarkdown(`${repository} ${artifactKind(node.referrer.artifactType).label} ${shortDigest(node.referrer.digest)}`, markdown);
    return markdown;
  },
});
