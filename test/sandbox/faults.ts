// Fault switches: tests flip them to see how the extension copes with a misbehaving ECR.

export interface Faults {
  /** The next N API requests fail with ThrottlingException (400). */
  readonly throttle?: number;
  /** Delay added before every API and data-plane request. */
  readonly latencyMs?: number;
  /** While true, every API request fails with ExpiredTokenException. */
  readonly expiredCredentials?: boolean;
  /** The next N API requests fail with ServerException (500). */
  readonly serverErrors?: number;
  /** The next /v2/ blob upload has its connection destroyed after this many request bytes. */
  readonly dropUploadAfterBytes?: number;
  /** Actions refused with AccessDeniedException, e.g. "ecr:DescribeImages" or "DescribeImages". */
  readonly denyActions?: readonly string[];
  /** A hostile endpoint: answers a real ECR never gives, to prove the extension trusts none of them. */
  readonly hostile?: Hostile;
  /** Answers as LocalStack-style ECR emulators give them (each POST replaces the group, `{}` turns it off). */
  readonly emulator?: Emulator;
}

/** How an ECR emulator differs from ECR while the API stays on the local endpoint. */
export interface Emulator {
  /** `repositoryUri` and `proxyEndpoint` name `<account>.dkr.ecr.<region>.amazonaws.com`, not the local data plane. */
  readonly awsHostsInUris?: boolean;
  /** DescribeRegistry is not implemented: 501 InternalFailure, as LocalStack answers an operation it lacks. */
  readonly noDescribeRegistry?: boolean;
  /** GetAuthorizationToken's `expiresAt` is an hour in the past (the token itself still works). */
  readonly expiredTokens?: boolean;
  /** `imageSizeInBytes` is only the size of the manifest's config blob. */
  readonly configSizeOnly?: boolean;
  /**
   * No referrers support: ListImageReferrers, DescribeImageSigningStatus and the signing configuration
   * operations answer 501 InternalFailure, and `/v2/<name>/referrers/<digest>` goes to distribution 2.8,
   * which has no such route.
   */
  readonly noReferrers?: boolean;
}

/** Switches of a hostile endpoint; each set field replaces the previous one, `{}` turns all off. */
export interface Hostile {
  /** The message of every API error and every /v2/ error (DENIED, NAME_UNKNOWN, TAG_INVALID) the engine sees. */
  readonly errorMessage?: string;
  /** Image digests in answers become `sha256:` + blank lines + HTML (an image from another host). */
  readonly invalidDigests?: boolean;
  /** Timestamps in answers (pushed, pulled, scanned, created) are beyond JavaScript's Date range. */
  readonly invalidDates?: boolean;
  /** Error messages are stretched to this many characters. */
  readonly longStrings?: number;
}

/** What `invalidDigests` sends: a digest that ends a code span and loads a remote image in a preview. */
export const HOSTILE_DIGEST = 'sha256:0123\n\n<img src="http://127.0.0.1:9/hostile.png">\n\n`x`';
/** What `invalidDates` sends: seconds since the epoch past the year 275760, an Invalid Date in JavaScript. */
export const HOSTILE_EPOCH = 1e20;
const DIGEST_KEYS = new Set(['imageDigest']);
const DATE_KEYS = new Set(['imagePushedAt', 'lastRecordedPullTime', 'imageScanCompletedAt', 'createdAt', 'vulnerabilitySourceUpdatedAt']);

/** Mutable fault state; counters count down as requests consume them. */
export class FaultState {
  throttle = 0;
  latencyMs = 0;
  expiredCredentials = false;
  serverErrors = 0;
  dropUploadAfterBytes: number | undefined;
  denyActions = new Set<string>();
  hostile: Hostile = {};
  emulator: Emulator = {};

  /** Merges the given switches into the current state (unset fields stay as they are). */
  set(faults: Faults): void {
    if (faults.throttle !== undefined) this.throttle = nonNegative(faults.throttle, 'throttle');
    if (faults.latencyMs !== undefined) this.latencyMs = nonNegative(faults.latencyMs, 'latencyMs');
    if (faults.expiredCredentials !== undefined) this.expiredCredentials = Boolean(faults.expiredCredentials);
    if (faults.serverErrors !== undefined) this.serverErrors = nonNegative(faults.serverErrors, 'serverErrors');
    if (faults.dropUploadAfterBytes !== undefined) this.dropUploadAfterBytes = nonNegative(faults.dropUploadAfterBytes, 'dropUploadAfterBytes');
    if (faults.denyActions !== undefined) {
      if (!Array.isArray(faults.denyActions) || faults.denyActions.some((a) => typeof a !== 'string')) {
        throw new TypeError('denyActions must be an array of strings');
      }
      this.denyActions = new Set(faults.denyActions.map((a) => (a.startsWith('ecr:') ? a : `ecr:${a}`)));
    }
    if (faults.hostile !== undefined) this.hostile = checkHostile(faults.hostile);
    if (faults.emulator !== undefined) this.emulator = checkEmulator(faults.emulator);
  }

  reset(): void {
    this.throttle = 0;
    this.latencyMs = 0;
    this.expiredCredentials = false;
    this.serverErrors = 0;
    this.dropUploadAfterBytes = undefined;
    this.denyActions = new Set();
    this.hostile = {};
    this.emulator = {};
  }

  /** Consumes one throttle count if any is left. */
  takeThrottle(): boolean {
    if (this.throttle <= 0) return false;
    this.throttle--;
    return true;
  }

  takeServerError(): boolean {
    if (this.serverErrors <= 0) return false;
    this.serverErrors--;
    return true;
  }

  /** Returns the byte limit for the next upload and clears it (it applies once). */
  takeUploadDrop(): number | undefined {
    const limit = this.dropUploadAfterBytes;
    this.dropUploadAfterBytes = undefined;
    return limit;
  }

  isDenied(action: string): boolean {
    return this.denyActions.has(action);
  }

  snapshot(): Faults {
    return {
      throttle: this.throttle,
      latencyMs: this.latencyMs,
      expiredCredentials: this.expiredCredentials,
      serverErrors: this.serverErrors,
      dropUploadAfterBytes: this.dropUploadAfterBytes,
      denyActions: [...this.denyActions],
      hostile: { ...this.hostile },
      emulator: { ...this.emulator },
    };
  }

  /** An error message as the hostile switches want it (unchanged when they are off). */
  hostileMessage(message: string): string {
    const text = this.hostile.errorMessage ?? message;
    const length = this.hostile.longStrings;
    if (length === undefined || text.length >= length) return text;
    return `${text} `.repeat(Math.ceil(length / (text.length + 1))).slice(0, length);
  }

  /** An API answer with hostile digests and dates put in (a copy; unchanged when they are off). */
  hostileOutput<T>(output: T): T {
    const { invalidDigests, invalidDates } = this.hostile;
    if (!invalidDigests && !invalidDates) return output;
    return JSON.parse(JSON.stringify(output), (key, value: unknown) => {
      if (invalidDigests && DIGEST_KEYS.has(key) && typeof value === 'string') return HOSTILE_DIGEST;
      if (invalidDates && DATE_KEYS.has(key) && typeof value === 'number') return HOSTILE_EPOCH;
      return value;
    }) as T;
  }
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return value;
}

function checkHostile(value: unknown): Hostile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('hostile must be an object');
  const hostile = value as Hostile;
  if (hostile.errorMessage !== undefined && typeof hostile.errorMessage !== 'string') throw new TypeError('hostile.errorMessage must be a string');
  if (hostile.longStrings !== undefined) nonNegative(hostile.longStrings, 'hostile.longStrings');
  return {
    errorMessage: hostile.errorMessage,
    invalidDigests: hostile.invalidDigests === undefined ? undefined : Boolean(hostile.invalidDigests),
    invalidDates: hostile.invalidDates === undefined ? undefined : Boolean(hostile.invalidDates),
    longStrings: hostile.longStrings,
  };
}

const EMULATOR_SWITCHES = ['awsHostsInUris', 'noDescribeRegistry', 'expiredTokens', 'configSizeOnly', 'noReferrers'] as const;

function checkEmulator(value: unknown): Emulator {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('emulator must be an object');
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !(EMULATOR_SWITCHES as readonly string[]).includes(key));
  if (unknown.length > 0) throw new TypeError(`unknown emulator switch: ${unknown.join(', ')}`);
  return Object.fromEntries(EMULATOR_SWITCHES.filter((key) => given[key] !== undefined).map((key) => [key, Boolean(given[key])]));
}

/** The data-plane host ECR itself gives an account's registry in a region. */
export function awsRegistryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}
