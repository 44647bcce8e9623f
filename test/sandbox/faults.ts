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
}

/** Mutable fault state; counters count down as requests consume them. */
export class FaultState {
  throttle = 0;
  latencyMs = 0;
  expiredCredentials = false;
  serverErrors = 0;
  dropUploadAfterBytes: number | undefined;
  denyActions = new Set<string>();

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
  }

  reset(): void {
    this.throttle = 0;
    this.latencyMs = 0;
    this.expiredCredentials = false;
    this.serverErrors = 0;
    this.dropUploadAfterBytes = undefined;
    this.denyActions = new Set();
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
    };
  }
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return value;
}
