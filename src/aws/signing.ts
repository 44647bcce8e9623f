// An image's signing facts from its registry: signature referrers (ListImageReferrers or the OCI
// referrers API) and ECR managed signing's status. Asked through the one lookup layer
// (imageLookup.ts) by the explorer's tooltip, the hover and the policy's `signed` rule.
import type { EcrApi } from './ecrApi';
import { errorMessage } from '../core/errors';
import { artifactKind, type SigningFacts } from '../core/referrers';

/** The calls signing facts need (EcrApi has them). */
export type SigningApi = Pick<EcrApi, 'listReferrers' | 'signingStatus'>;

export async function signingFacts(api: SigningApi, repository: string, digest: string, registryId?: string): Promise<SigningFacts> {
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
