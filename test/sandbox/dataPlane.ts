// The per-registry data plane: a streaming reverse proxy in front of the registry's /v2/ API that
// enforces what ECR enforces (token auth, existing repositories, tag immutability) and records
// push/pull events. Repository names are mapped to `<account>/<region>/<name>` in the registry.
import { createHash } from 'node:crypto';
import { request, type Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { isIndexType, manifestFacts, MEDIA } from './manifests';
import { storageName, type RegistryState, type Repository, type SandboxState } from './model';
import { sleep } from './processes';
import { referrersIndex, referrersOf } from './referrers';
import { createdOnPush, isTagImmutable, scansOnPush } from './registrySettings';

const ROUTE = /^\/v2\/(.+)\/(manifests\/[^/]+|blobs\/uploads\/?[^/]*|blobs\/[^/]+|tags\/list|referrers\/[^/]+)$/;
const DIGEST_REF = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const MAX_MANIFEST = 4 * 1024 * 1024;

export interface DataPlaneOptions {
  readonly state: SandboxState;
  readonly registry: RegistryState;
  readonly backendPort: number;
  readonly agent: Agent;
  readonly log: (line: string) => void;
}

export function createDataPlaneHandler(options: DataPlaneOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(options, req, res).catch((error: unknown) => {
      options.log(`data plane error: ${(error as Error).message}`);
      if (!res.headersSent) registryError(res, 500, 'UNKNOWN', 'internal error');
      else res.destroy();
    });
  };
}

async function handle(options: DataPlaneOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, registry } = options;
  const url = new URL(req.url ?? '/', 'http://sandbox');
  // Counted beside the API operations (GET /__sandbox/requests) as it arrives, before any delay, so a
  // test can count blob uploads and a cancelled client's last requests are not counted later.
  const route = ROUTE.exec(url.pathname);
  if (route) {
    const counted = `v2 ${actionOf(req.method ?? 'GET', route[2])}`;
    state.requestCounts.set(counted, (state.requestCounts.get(counted) ?? 0) + 1);
  }
  if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
  res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
  if (!url.pathname.startsWith('/v2')) return registryError(res, 404, 'NOT_FOUND', 'not found');
  if (!state.checkBasicAuth(req.headers.authorization, registry)) {
    req.resume();
    res.writeHead(401, { 'WWW-Authenticate': `Basic realm="https://${registry.host}/",service="ecr.amazonaws.com"`, 'content-type': 'text/plain' });
    return void res.end('Not Authorized\n');
  }
  if (url.pathname === '/v2/' || url.pathname === '/v2') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('{}');
  }
  const match = ROUTE.exec(url.pathname);
  if (!match) return registryError(res, 404, 'UNSUPPORTED', 'The operation is unsupported.');
  const [, name, rest] = match;
  const repo = registry.repositories.get(name) ?? createdOnPush(registry, name, req.method ?? 'GET');
  if (!repo) {
    return registryError(res, 404, 'NAME_UNKNOWN', state.faults.hostileMessage(`The repository with name '${name}' does not exist in the registry with id '${registry.accountId}'`), { name });
  }
  const method = req.method ?? 'GET';
  const action = actionOf(method, rest);
  if (state.faults.isDenied(action)) {
    const deny = (): void =>
      registryError(res, 403, 'DENIED', state.faults.hostileMessage(`User: arn:aws:iam::${registry.accountId}:user/sandbox is not authorized to perform: ${action} on resource: arn:aws:ecr:${registry.region}:${registry.accountId}:repository/${name}`));
    // The body is read first, as a registry behind a load balancer does: answering while the client
    // still sends would reset its connection, and the client would see a dropped line, not the 403.
    if (!hasBody(req)) return deny();
    req.on('end', deny).resume();
    return;
  }

  const prefix = `${registry.accountId}/${registry.region}/`;
  url.pathname = `/v2/${prefix}${name}/${rest}`;
  const from = url.searchParams.get('from');
  if (from !== null) {
    // Cross-repository mount works only within the same registry, like ECR's blob mounting.
    if (registry.repositories.has(from)) url.searchParams.set('from', prefix + from);
    else {
      url.searchParams.delete('from');
      url.searchParams.delete('mount');
    }
  }

  // distribution 2.8 has no referrers API: the sandbox answers it (unless emulating a registry without one).
  if (rest.startsWith('referrers/') && !state.faults.emulator.noReferrers) {
    req.resume();
    return listReferrers(state, repo, rest.slice('referrers/'.length), url, method, res);
  }

  const isManifest = rest.startsWith('manifests/');
  if (isManifest && method === 'PUT') return putManifest(options, repo, rest.slice('manifests/'.length), url, req, res);
  if (isManifest && (method === 'GET' || method === 'HEAD') && isArchived(state, repo, rest.slice('manifests/'.length))) {
    req.resume();
    return registryError(res, 404, 'MANIFEST_UNKNOWN', `The image '${rest.slice('manifests/'.length)}' is archived. Restore it before pulling.`);
  }

  const isUploadBody = rest.startsWith('blobs/uploads') && (method === 'PATCH' || method === 'PUT' || method === 'POST') && hasBody(req);
  const dropAfter = isUploadBody ? state.faults.takeUploadDrop() : undefined;
  const upstream = forward(options, req, url, res, (response) => {
    if (isManifest && method === 'GET' && response.statusCode === 200) {
      const digest = response.headers['docker-content-digest'];
      if (typeof digest === 'string') state.recordPull(repo, digest);
    }
  });
  if (dropAfter === undefined) return void req.pipe(upstream);
  options.log(`fault: dropping upload connection after ${dropAfter} bytes`);
  req.pipe(new DropAfter(dropAfter, () => {
    upstream.destroy();
    req.socket.destroy();
  })).pipe(upstream);
}

/** ECR answers a pull of an archived image with 404 until it is restored. */
function isArchived(state: SandboxState, repo: Repository, reference: string): boolean {
  const list = state.images.list(repo);
  const image = DIGEST_REF.test(reference) ? list.byDigest.get(reference) : list.byTag.get(reference);
  return image !== undefined && state.storageClass(repo, image.digest).status !== 'ACTIVE';
}

async function putManifest(options: DataPlaneOptions, repo: Repository, reference: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = options;
  const body = await readLimited(req, MAX_MANIFEST);
  if (!body) return registryError(res, 400, 'MANIFEST_INVALID', 'manifest too large');
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  if (!DIGEST_REF.test(reference) && isTagImmutable(repo, reference)) {
    const existing = state.storage.tagDigest(storageName(repo), reference);
    if (existing !== undefined && existing !== digest) {
      return registryError(
        res,
        400,
        'TAG_INVALID',
        state.faults.hostileMessage(`The image tag '${reference}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`),
      );
    }
  }
  const subject = subjectOf(body);
  const upstream = forward(options, req, url, res, (response) => {
    if (response.statusCode !== 201) return;
    // OCI 1.1: a registry with the referrers API says so, so clients skip the tag-schema fallback.
    if (subject && !state.faults.emulator.noReferrers) res.setHeader('OCI-Subject', subject);
    state.recordPush(repo, digest);
    const mediaType = String(req.headers['content-type'] ?? '');
    if (scansOnPush(repo) && !isIndexType(mediaType)) state.startScan(repo, digest);
  });
  upstream.setHeader('content-length', body.length);
  upstream.end(body);
}

function subjectOf(body: Buffer): string | undefined {
  try {
    return manifestFacts(body).subject?.digest;
  } catch {
    return undefined; // the registry judges what it cannot parse
  }
}

/** GET /v2/<name>/referrers/<digest>[?artifactType=...]: an OCI image index, 200 even when there are none. */
function listReferrers(state: SandboxState, repo: Repository, digest: string, url: URL, method: string, res: ServerResponse): void {
  if (method !== 'GET' && method !== 'HEAD') return registryError(res, 405, 'UNSUPPORTED', 'The operation is unsupported.');
  if (!DIGEST_REF.test(digest)) return registryError(res, 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content', { digest });
  const artifactType = url.searchParams.get('artifactType') ?? undefined;
  const active = referrersOf(state, repo, digest, artifactType === undefined ? undefined : [artifactType]).filter((r) => r.status === 'ACTIVE');
  const body = referrersIndex(active);
  const headers: Record<string, string | number> = { 'content-type': MEDIA.ociIndex, 'content-length': Buffer.byteLength(body) };
  if (artifactType !== undefined) headers['OCI-Filters-Applied'] = 'artifactType';
  res.writeHead(200, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

/** Sends the request upstream; streams the response back with names mapped to the client's view. */
function forward(
  options: DataPlaneOptions,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  onResponse: (response: IncomingMessage) => void,
): ReturnType<typeof request> {
  const prefix = `${options.registry.accountId}/${options.registry.region}/`;
  const headers = { ...req.headers };
  delete headers.authorization;
  const upstream = request(
    { host: '127.0.0.1', port: options.backendPort, method: req.method, path: url.pathname + url.search, headers, agent: options.agent },
    (response) => {
      onResponse(response);
      const outHeaders = { ...response.headers };
      if (typeof outHeaders.location === 'string') outHeaders.location = outHeaders.location.replace(`/v2/${prefix}`, '/v2/');
      const status = response.statusCode ?? 502;
      const isJsonError = status >= 400 && String(response.headers['content-type'] ?? '').includes('json');
      if (!isJsonError) {
        res.writeHead(status, outHeaders);
        return void response.pipe(res);
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString().split(prefix).join('');
        delete outHeaders['content-length'];
        res.writeHead(status, { ...outHeaders, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    },
  );
  upstream.on('error', (error) => {
    options.log(`upstream error: ${error.message}`);
    if (!res.headersSent) registryError(res, 502, 'UNAVAILABLE', 'registry unavailable');
    else res.destroy();
  });
  return upstream;
}

function actionOf(method: string, rest: string): string {
  if (rest.startsWith('manifests/')) return method === 'PUT' ? 'ecr:PutImage' : method === 'DELETE' ? 'ecr:BatchDeleteImage' : 'ecr:BatchGetImage';
  if (rest.startsWith('blobs/uploads')) return method === 'POST' ? 'ecr:InitiateLayerUpload' : method === 'PATCH' ? 'ecr:UploadLayerPart' : 'ecr:CompleteLayerUpload';
  if (rest.startsWith('blobs/')) return method === 'HEAD' ? 'ecr:BatchCheckLayerAvailability' : 'ecr:GetDownloadUrlForLayer';
  if (rest.startsWith('referrers/')) return 'ecr:BatchGetImage'; // what ECR requires for listing referrers
  return 'ecr:ListImages';
}

function registryError(res: ServerResponse, status: number, code: string, message: string, detail?: unknown): void {
  const body = JSON.stringify({ errors: [{ code, message, detail }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/** Passes bytes through until `limit`, then calls `onLimit` (which kills the connection). */
class DropAfter extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly onLimit: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const room = this.limit - this.seen;
    this.seen += chunk.length;
    if (this.seen <= this.limit) return callback(null, chunk);
    if (room > 0) this.push(chunk.subarray(0, room));
    this.onLimit();
    callback();
  }
}
