// The result of looking one reference up, in plain data for the hover and diagnostics builders.
import type { ImageDetail } from '../aws/ecrApi';
import type { EcrProblem } from '../aws/errors';
import type { Finding } from '../core/findings';
import type { ImageTarget } from './links';

/** Which registry answered, as the hover shows it. */
export interface RegistryLabel {
  /** RegistrySource.id */
  readonly id: string;
  readonly label: string;
  /** The image's account: another account's when `through` is set. */
  readonly accountId?: string;
  readonly region: string;
  readonly profile?: string;
  /** Another account's registry, read with the credentials of the registry named by `label`. */
  readonly through?: boolean;
}

export type LookupOutcome =
  /** An ECR host of an account/region none of the configured registries serves. */
  | { readonly kind: 'noRegistry'; readonly host: string; readonly accountId?: string; readonly region?: string }
  /** Another account's image in an untrusted folder: not looked up with the user's credentials. */
  | { readonly kind: 'untrustedAccount'; readonly host: string; readonly accountId: string; readonly region: string }
  /** The registry failed as a whole (credentials, network, access): reported once per registry. */
  | { readonly kind: 'problem'; readonly registry: RegistryLabel; readonly problem: EcrProblem }
  | { readonly kind: 'repositoryNotFound'; readonly registry: RegistryLabel; readonly repository: string }
  | { readonly kind: 'imageNotFound'; readonly registry: RegistryLabel; readonly repository: string; readonly wanted: string }
  | { readonly kind: 'found'; readonly registry: RegistryLabel; readonly repository: string; readonly image: ImageDetail; readonly target: ImageTarget };

export type Outcome =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'notEcr' }
  | { readonly kind: 'unresolved'; readonly reason: string }
  | { readonly kind: 'malformed'; readonly reason: string }
  | LookupOutcome;

/** An image's scan, for the hover: all findings, or why there are none. */
export type FindingsOutcome =
  | { readonly kind: 'scan'; readonly status?: string; readonly description?: string; readonly completedAt?: Date; readonly findings: readonly Finding[] }
  | { readonly kind: 'notScanned' }
  | { readonly kind: 'problem'; readonly problem: EcrProblem };
