// A small client of a registry's /v2/ API (the OCI distribution API ECR serves), over node:http(s)
// with the same proxy/CA agents as the ECR API calls. Blobs are streams end to end: a layer is
// never held in memory. Credentials: ECR's login (Basic AWS:<password> from GetAuthorizationToken).
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import type { NetworkAgents } from './network';

export interface RegistryLogin {
  readonly username: string;
  readonly password: string;
  /** The registry's base URL, e.g. "https://111111111111.dkr.ecr.us-east-1.amazonaws.com". */
  readonly proxyEndpoint: string;
}

/** Every manifest kind a copy carries; the registry answers in the stored one. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const MAX_MANIFEST = 4 * 1024 * 1024;

/** The registry refused a request; `action` is the ECR permission it needs (e.g. "ecr:PutImage"). */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(message: string, readonly status: number, readonly code: string | undefined, readonly action: string) {
    super(message);
  }
}

/** The connection failed or dropped (no answer, reset, timeout): nothing the registry refused. */
export class RegistryConnectionError extends Error {
  override readonly name = 'RegistryConnectionError';
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** The caller's AbortSignal fired. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The copy was cancelled.');
  }
}

export interface Manifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** A referrer as the referrers index describes it. */
export interface Referrer {
  readonly digest: string;
  readonly mediaType?: string;
  readonly size?: number;
  readonly artifactType?: string;
}

interface Call {
  readonly method: string;
  readonly url: URL;
  readonly action: string;
  readonly what: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: Buffer | Readable;
  readonly signal?: AbortSignal;
  /** Send the login (false after a redirect to another host, e.g. S3 for a layer download). */
  readonly authorize?: boolean;
}

export class RegistryClient {
  constructor(
    private readonly login: () => Promise<RegistryLogin>,
    private readonly agents: NetworkAgents,
    private readonly idleTimeoutMs = 60_000,
  ) {}

  /** Closes the kept-alive connections. */
  dispose(): void {
    this.agents.httpAgent.destroy();
    this.agents.httpsAgent.destroy();
  }

  /** The registry's host (host:port), from the login's proxy endpoint. */
  async host(): Promise<string> {
    return (await this.base()).host;
  }

  async getManifest(repository: string, reference: string, signal?: AbortSignal): Promise<Manifest> {
    const url = await this.url(`/v2/${repository}/manifests/${reference}`);
    const res = await this.send({ method: 'GET', url, action: 'ecr:BatchGetImage', what: `reading the manifest ${repository}:${reference}`, headers: { accept: MANIFEST_ACCEPT }, signal });
    await expectStatus(res, [200], 'ecr:BatchGetImage', `reading the manifest ${repository}:${reference}`);
    const bytes = await readLimited(res, MAX_MANIFEST);
    // The digest of the bytes themselves: what the destination will compute when they are put.
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (reference.startsWith('sha256:') && reference !== digest) throw new RegistryConnectionError(`The registry sent a manifest with digest ${digest} for ${repository}@${reference}.`);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim() || mediaTypeIn(bytes);
    return { digest, mediaType, bytes };
  }

  /**
   * The manifests whose `subject` is `digest` (signatures, SBOMs, attestations), from the OCI 1.1
   * referrers API; undefined when the registry has no such API (404/405/501).
   */
  async referrers(repository: string, digest: string, signal?: AbortSignal): Promise<Referrer[] | undefined> {
    const url = await this.url(`/v2/${repository}/referrers/${digest}`);
    const what = `listing the referrers of ${digest} in ${repository}`;
    const res = await this.send({ method: 'GET', url, action: 'ecr:BatchGetImage', what, headers: { accept: 'application/vnd.oci.image.index.v1+json' }, signal });
    if ([404, 405, 501].includes(res.statusCode ?? 0)) {
      res.resume();
      return undefined;
    }
    await expectStatus(res, [200], 'ecr:BatchGetImage', what);
    const index = JSON.parse((await readLimited(res, MAX_MANIFEST)).toString('utf8')) as { manifests?: Referrer[] };
    return (index.manifests ?? []).filter((m) => typeof m.digest === 'string');
  }

  /** The blob's bytes as a stream (following the registry's redirect to its storage, without the login). */
  async openBlob(repository: string, digest: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const what = `downloading ${digest} from ${repository}`;
    let url = await this.url(`/v2/${repository}/blobs/${digest}`);
    let authorize = true;
    for (let hop = 0; hop < 5; hop++) {
      const res = await this.send({ method: 'GET', url, action: 'ecr:GetDownloadUrlForLayer', what, signal, authorize });
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        const next = new URL(res.headers.location, url);
        authorize = authorize && next.host === url.host;
        url = next;
        continue;
      }
      await expectStatus(res, [200], 'ecr:GetDownloadUrlForLayer', what);
      return res;
    }
    throw new RegistryConnectionError(`Too many redirects while ${what}.`);
  }

  /**
   * Starts a blob upload; with `mountFrom` (a repository of the same registry) asks the registry to
   * link the blob instead: `undefined` then means it was mounted and nothing needs to be sent.
   */
  async startUpload(repository: string, mount?: { digest: string; from: string }, signal?: AbortSignal): Promise<URL | undefined> {
    const query = mount ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}` : '';
    const url = await this.url(`/v2/${repository}/blobs/uploads/${query}`);
    const what = `starting an upload to ${repository}`;
    const res = await this.send({ method: 'POST', url, action: 'ecr:InitiateLayerUpload', what, headers: { 'content-length': '0' }, signal });
    await expectStatus(res, [201, 202], 'ecr:InitiateLayerUpload', what);
    res.resume();
    if (res.statusCode === 201) return undefined;
    const location = res.headers.location;
    if (!location) throw new RegistryConnectionError(`The registry gave no upload location while ${what}.`);
    return new URL(location, url);
  }

  /** Sends the whole blob in one PUT (streamed, `size` bytes) and completes the upload. */
  async finishUpload(location: URL, digest: string, size: number, body: Readable, signal?: AbortSignal): Promise<void> {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const what = `uploading ${digest}`;
    const res = await this.send({
      method: 'PUT',
      url,
      action: 'ecr:CompleteLayerUpload',
      what,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body,
      signal,
    });
    await expectStatus(res, [201], 'ecr:CompleteLayerUpload', what);
    res.resume();
  }

  async putManifest(repository: string, reference: string, manifest: Manifest, signal?: AbortSignal): Promise<void> {
    const url = await this.url(`/v2/${repository}/manifests/${reference}`);
    const what = `writing the manifest ${repository}:${reference}`;
    const res = await this.send({
      method: 'PUT',
      url,
      action: 'ecr:PutImage',
      what,
      headers: { 'content-type': manifest.mediaType, 'content-length': String(manifest.bytes.length) },
      body: manifest.bytes,
      signal,
    });
    await expectStatus(res, [201], 'ecr:PutImage', what);
    res.resume();
  }

  private async base(): Promise<URL> {
    const endpoint = (await this.login()).proxyEndpoint;
    return new URL(endpoint.includes('://') ? endpoint : `https://${endpoint}`);
  }

  private async url(path: string): Promise<URL> {
    return new URL(path, await this.base());
  }

  private async send(call: Call): Promise<IncomingMessage> {
    if (call.signal?.aborted) throw new CancelledError();
    const headers: OutgoingHttpHeaders = { ...call.headers };
    if (call.authorize !== false) {
      const { username, password } = await this.login();
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const secure = call.url.protocol === 'https:';
    const request = secure ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const req = request(call.url, { method: call.method, headers, agent: secure ? this.agents.httpsAgent : this.agents.httpAgent }, (res) => {
        settled = true;
        call.signal?.removeEventListener('abort', onAbort);
        resolve(res);
      });
      const onAbort = (): void => {
        fail(new CancelledError());
        req.destroy();
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(this.idleTimeoutMs, () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        call.signal?.removeEventListener('abort', onAbort);
        fail(call.signal?.aborted ? new CancelledError() : connectionError(error, call));
      });
      const body = call.body;
      if (body === undefined || Buffer.isBuffer(body)) return void req.end(body);
      body.on('error', (error) => req.destroy(error));
      body.pipe(req);
    });
  }
}

function connectionError(error: NodeJS.ErrnoException, call: Call): Error {
  if (error instanceof RegistryConnectionError || error instanceof RegistryError) return error;
  const code = error.code ?? '';
  const dropped = code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up';
  const reason = dropped ? 'the connection dropped' : `${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
  return new RegistryConnectionError(`${capitalize(call.what)} at ${call.url.host} failed: ${reason}.`, code || undefined);
}

/** Rejects with the registry's own error (code and message, shortened) unless the status is expected. */
async function expectStatus(res: IncomingMessage, expected: number[], action: string, what: string): Promise<void> {
  const status = res.statusCode ?? 0;
  if (expected.includes(status)) return;
  const text = (await readLimited(res, 64 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
  let code: string | undefined;
  let message = text.trim();
  try {
    const first = (JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] }).errors?.[0];
    if (typeof first?.code === 'string') code = first.code;
    if (typeof first?.message === 'string') message = first.message;
  } catch {
    // not JSON: the text as it came
  }
  const shown = message.replace(/\s+/g, ' ').slice(0, 300);
  const prefix = status === 401 || status === 403 ? `Access denied (${action}) while ${what}` : `The registry refused ${what} (${status}${code ? ` ${code}` : ''})`;
  throw new RegistryError(`${prefix}${shown ? `: ${shown}` : '.'}`, status, code, action);
}

function readLimited(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return void res.destroy(new Error(`answer larger than ${limit} bytes`));
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(new RegistryConnectionError('the connection dropped')));
  });
}

function mediaTypeIn(bytes: Buffer): string {
  try {
    const { mediaType } = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    return typeof mediaType === 'string' ? mediaType : '';
  } catch {
    return '';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
