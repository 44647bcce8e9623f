// Turns whatever the SDK or the network threw into one problem a user can act on.
import type { RegistrySource } from './discovery';

export type EcrProblemKind =
  | 'noCredentials'
  | 'ssoExpired'
  | 'expiredCredentials'
  | 'accessDenied'
  | 'notFound'
  | 'throttled'
  | 'unreachable'
  | 'invalidInput'
  | 'other';

export type ProblemAction =
  | { readonly kind: 'signIn'; readonly label: 'Sign in'; readonly command: string }
  | { readonly kind: 'retry'; readonly label: 'Retry' }
  | { readonly kind: 'configure'; readonly label: 'Open Settings' };

export interface EcrProblem {
  readonly kind: EcrProblemKind;
  /** For users: what went wrong and where; never contains secrets. */
  readonly message: string;
  readonly action?: ProblemAction;
  /** For accessDenied: the IAM action that was refused, e.g. "ecr:DescribeRepositories". */
  readonly deniedAction?: string;
  /** The AWS error name (e.g. "RepositoryNotFoundException") or Node error code, for logs. */
  readonly code?: string;
}

type ProblemSource = Pick<RegistrySource, 'label' | 'profile' | 'region' | 'ssoProfile'>;

const RETRY: ProblemAction = { kind: 'retry', label: 'Retry' };
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE',
]);
// Node's codes for a certificate chain it cannot verify: typically a TLS-intercepting proxy whose
// CA is not trusted here.
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
]);
const THROTTLE_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown',
]);
const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired']);
const BAD_CREDENTIAL_NAMES = new Set([
  'UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch',
  'IncompleteSignature', 'MissingAuthenticationToken',
]);
const NOT_FOUND_NAMES = new Set([
  'RepositoryNotFoundException', 'ImageNotFoundException', 'LifecyclePolicyNotFoundException',
  'RepositoryPolicyNotFoundException', 'ScanNotFoundException', 'LifecyclePolicyPreviewNotFoundException',
  'RegistryPolicyNotFoundException',
]);
const INVALID_NAMES = new Set([
  'InvalidParameterException', 'ValidationException', 'InvalidTagParameterException',
  'InvalidLayerPartException', 'RepositoryAlreadyExistsException', 'ImageTagAlreadyExistsException',
  'ImageAlreadyExistsException', 'RepositoryNotEmptyException', 'LimitExceededException',
  'UnsupportedImageTypeException', 'LifecyclePolicyPreviewInProgressException', 'TooManyTagsException',
]);

/** Classifies an error thrown while talking to `source`'s registry. */
export function classifyAwsError(error: unknown, source: ProblemSource): EcrProblem {
  const { name, code, message, status } = describe(error);
  const where = sourceName(source);
  const detail = redact(message);

  if (code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'unreachable',
      code,
      message: `The TLS certificate of the ECR endpoint of ${where} is not signed by a trusted authority (${code}). `
        + 'If a proxy or your organisation re-signs TLS traffic, add its CA certificate (PEM) with AWS_CA_BUNDLE, '
        + 'the profile\'s ca_bundle or NODE_EXTRA_CA_CERTS, or set http.proxyStrictSSL to false.',
      action: RETRY,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'unreachable',
      code,
      message: `The TLS certificate of the ECR endpoint of ${where} is for another host: ${detail}`,
      action: RETRY,
    };
  }
  if (status === 407) {
    return {
      kind: 'unreachable',
      code: name || '407',
      message: `The proxy asks ${where} to authenticate (407). Put the user and password in http.proxy `
        + '(http://user:password@host:port) or HTTPS_PROXY, or set http.proxyAuthorization.',
      action: RETRY,
    };
  }
  if (isSsoExpired(name, message)) {
    const profile = source.profile ?? 'default';
    return {
      kind: 'ssoExpired',
      code: name,
      message: `The AWS SSO session of profile "${profile}" has expired or is not signed in.`,
      action: { kind: 'signIn', label: 'Sign in', command: `aws sso login --profile ${profile}` },
    };
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return {
      kind: 'noCredentials',
      code: name,
      message: `No AWS credentials for ${where}: ${detail.replace(/\.$/, '')}. ${source.profile ? `Add them with "aws configure --profile ${source.profile}"` : 'Add a profile with "aws configure"'} or in ~/.aws/credentials.`,
      action: source.ssoProfile && source.profile
        ? { kind: 'signIn', label: 'Sign in', command: `aws sso login --profile ${source.profile}` }
        : { kind: 'configure', label: 'Open Settings' },
    };
  }
  if (EXPIRED_NAMES.has(name) || /security token included in the request is expired/i.test(message)) {
    return {
      kind: 'expiredCredentials',
      code: name,
      message: `The AWS credentials of ${where} have expired. Refresh them and retry.`,
      action: source.ssoProfile && source.profile
        ? { kind: 'signIn', label: 'Sign in', command: `aws sso login --profile ${source.profile}` }
        : RETRY,
    };
  }
  if (BAD_CREDENTIAL_NAMES.has(name)) {
    return {
      kind: 'noCredentials',
      code: name,
      message: `AWS rejected the credentials of ${where} (${name}). Check the access key and secret.`,
      action: { kind: 'configure', label: 'Open Settings' },
    };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) {
    const deniedAction = /not authorized to perform:?\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
    return {
      kind: 'accessDenied',
      code: name,
      deniedAction,
      message: deniedAction
        ? `Access denied: ${where} is not allowed to perform ${deniedAction}.`
        : `Access denied for ${where}: ${detail}`,
    };
  }
  if (name === 'ImageFailuresError') {
    // Some images of a batch failed; the message already lists each one with ECR's reason.
    const codes = (error as { failures?: { failureCode?: string }[] }).failures?.map((f) => f.failureCode) ?? [];
    const allMissing = codes.length > 0 && codes.every((c) => c === 'ImageNotFound');
    return { kind: allMissing ? 'notFound' : 'invalidInput', code: codes[0] ?? name, message: detail };
  }
  if (NOT_FOUND_NAMES.has(name)) {
    return { kind: 'notFound', code: name, message: detail || `Not found in ${where}.` };
  }
  if (THROTTLE_NAMES.has(name) || status === 429) {
    return { kind: 'throttled', code: name, message: `AWS is throttling requests to ${where}; try again shortly.`, action: RETRY };
  }
  if (isNetwork(name, code)) {
    return {
      kind: 'unreachable',
      code: code ?? name,
      message: `Cannot reach the ECR endpoint of ${where} (${code ?? name}). Check the network, proxy or endpoint setting.`,
      action: RETRY,
    };
  }
  if (INVALID_NAMES.has(name)) {
    return { kind: 'invalidInput', code: name, message: detail || `${name} from ${where}.` };
  }
  return {
    kind: 'other',
    code: name || code,
    message: `${where}: ${detail || name || 'unknown error'}`,
    action: status !== undefined && status >= 500 ? RETRY : undefined,
  };
}

/** Removes anything that looks like an access key, secret or token from a message. */
export function redact(text: string): string {
  return text
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '<access key>')
    .replace(/(Signature|Credential|X-Amz-Security-Token|password|token)=([^&\s,]+)/gi, '$1=<redacted>')
    .replace(/[A-Za-z0-9+/=_-]{60,}/g, '<redacted>');
}

function sourceName(source: ProblemSource): string {
  return source.label || (source.profile ? `profile "${source.profile}" (${source.region})` : source.region);
}

function isSsoExpired(name: string, message: string): boolean {
  if (name !== 'CredentialsProviderError' && name !== 'TokenProviderError' && name !== 'UnauthorizedException') {
    return false;
  }
  return /SSO session|sso login|Token is expired|SSO token/i.test(message);
}

function isNetwork(name: string, code: string | undefined): boolean {
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return name === 'TimeoutError' || name === 'RequestTimeout' || name === 'NetworkingError';
}

interface ErrorFacts {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
  readonly status?: number;
}

function describe(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { name: '', message: String(error) };
  const record = error as { name?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown; errors?: unknown };
  // Node wraps connection failures to several addresses in an AggregateError; the SDK keeps them as-is.
  const nested = Array.isArray(record.errors) ? (record.errors[0] as { code?: unknown } | undefined) : undefined;
  const code = [record.code, nested?.code, (record.cause as { code?: unknown } | undefined)?.code]
    .find((c): c is string => typeof c === 'string');
  const status = record.$metadata?.httpStatusCode;
  return {
    name: typeof record.name === 'string' ? record.name : '',
    code,
    message: typeof record.message === 'string' ? record.message : '',
    status: typeof status === 'number' ? status : undefined,
  };
}
