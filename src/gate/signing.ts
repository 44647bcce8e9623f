// An image's signing facts from its registry: signature referrers (ListImageReferrers or the OCI
// referrers API) and ECR managed signing's status. One home for the explorer's tooltip, the hover
// and the policy's `signed` rule. No vscode import: used by the editor and by the CLI.
import type { EcrApi } from '../aws/ecrApi';
import { errorMessage } from '../core/errors';
import { artifactKind, type SigningFacts } from '../core/referrers';
import type { RegistryEntry } from '../explorer/nodes';
import type { ImageTarget } from '../language/links';

export async function signingFacts(api: EcrApi, repository: string, digest: string, registryId?: string): Promise<SigningFacts> {
  const [referrers, statuses] = await Promise.allSettled([
    api.listReferrers(repository, digest, registryId),
    api.signingStatus(repository, { imageDigest: digest }, registryId),
  ]);
  let signatures: string[] | undefined;
  let signaturesProblem: string | undefined;
  if (referrers.status === 'rejected') signaturesProblem = errorMessage(referrers.reason);
  else if (referrers.value === undefined) signaturesProblem = 'the registry does not list referrers';
  else signatures = referrers.value.map((r) => artifactKind(r.artifactType)).filter((k) => k.category === 'signature').map((k) => k.label);
  return {
    ...(signatures && { signatures }),
    ...(signaturesProblem && { signaturesProblem }),
    ...(statuses.status === 'fulfilled' && statuses.value && { statuses: statuses.value }),
    ...(statuses.status === 'rejected' && { statusProblem: errorMessage(statuses.reason) }),
  };
}

/** The signing facts of an image found by a lookup, through the registry it was found in. */
export async function targetSigningFacts(entries: readonly RegistryEntry[], target: ImageTarget): Promise<SigningFacts> {
  const api = entries.find((e) => e.source.id === target.registryId)?.api;
  if (!api) return { signaturesProblem: 'the registry of this image is not reachable' };
  return signingFacts(api, target.repository, target.digest, target.registryAccountId);
}
