// The registry's own HTTP API (/v2/, OCI distribution spec) with the ECR login token: the referrers
// API for registries without ListImageReferrers, and blobs (an SBOM's document) by digest. Requests
// go through the same handler as the SDK's (network.ts: proxy, NO_PROXY, extra CAs, timeouts).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ImageReferrer } from '@aws-sdk/client-ecr';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AuthorizationToken } from './tokenCache';

/** A GET's answer: status, lower-case headers, and the body as a stream. */
interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
}

type HandlerRequest = Parameters<NodeHttpHandler['handle']>[0];

/** GET through the handler, following redirects (ECR sends blobs from S3) without the registry's authorization. */
async function get(handler: NodeHttpHandler, url: string, headers: Record<string, string>, redirects = 3): Promise<Reply> {
  const target = new URL(url);
  const request = {
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    method: 'GET',
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { ...headers, host: target.host },
  } as unknown as HandlerRequest;
  const { response } = await handler.handle(request);
  const body = response.body as Readable;
  const status = response.statusCode;
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location && redirects > 0) {
    body.resume();
    const next = new URL(location, target);
    const { authorization: _dropped, ...rest } = headers;
    return get(handler, next.href, next.host === target.host ? headers : rest, redirects - 1);
  }
  const lower = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status, headers: lower, body };
}

async function text(body: Readable, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      break;
    }
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function baseUrl(token: AuthorizationToken): string {
  const endpoint = token.proxyEndpoint.includes('://') ? token.proxyEndpoint : `https://${token.proxyEndpoint}`;
  return endpoint.replace(/\/+$/, '');
}

function authorization(token: AuthorizationToken): string {
  return `Basic ${Buffer.from(`${token.username}:${token.password}`).toString('base64')}`;
}

/** An error named like the API's, so the one classifier (errors.ts) reads it: 403 is access denied. */
async function registryError(response: Reply, what: string): Promise<Error> {
  const body = (await text(response.body)).slice(0, 500);
  let message = body;
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
    message = (parsed.errors ?? []).map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ') || body;
  } catch {
    // not JSON: keep the text
  }
  const error = new Error(`${what} failed (${response.status}): ${message}`) as Error & { $metadata: { httpStatusCode: number } };
  error.name = response.status === 403 ? 'AccessDeniedException' : response.status === 404 ? 'NotFound' : 'RegistryError';
  error.$metadata = { httpStatusCode: response.status };
  return error;
}

/**
 * `GET /v2/<name>/referrers/<digest>` (OCI distribution 1.1); undefined when the registry has no
 * such API (404: registries before 1.1, e.g. distribution 2.8, answer that for an unknown route).
 */
export async function ociReferrers(handler: NodeHttpHandler, token: AuthorizationToken, repository: string, digest: string): Promise<ImageReferrer[] | undefined> {
  const response = await get(handler, `${baseUrl(token)}/v2/${repository}/referrers/${digest}`, { authorization: authorization(token), accept: OCI_INDEX });
  if (response.status === 404) {
    response.body.resume();
    return undefined;
  }
  if (response.status !== 200) throw await registryError(response, 'Listing referrers');
  let index: { manifests?: unknown };
  try {
    index = JSON.parse(await text(response.body, 4 * 1024 * 1024)) as { manifests?: unknown };
  } catch {
    throw new Error('The registry answered the referrers API with something that is not an OCI index.');
  }
  if (!Array.isArray(index.manifests)) return [];
  return index.manifests.flatMap((raw: unknown): ImageReferrer[] => {
    const d = raw as Partial<Record<'digest' | 'mediaType' | 'artifactType', unknown>> & { size?: unknown; annotations?: unknown };
    if (typeof d.digest !== 'string' || typeof d.mediaType !== 'string') return [];
    return [{
      digest: d.digest,
      mediaType: d.mediaType,
      artifactType: typeof d.artifactType === 'string' ? d.artifactType : undefined,
      size: typeof d.size === 'number' ? d.size : undefined,
      annotations: stringMap(d.annotations),
      artifactStatus: 'ACTIVE',
    }];
  });
}

/** The blob's bytes, refused when larger than `maxBytes` or when they do not match the digest. */
export async function fetchBlob(handler: NodeHttpHandler, token: AuthorizationToken, repository: string, digest: string, maxBytes: number): Promise<Buffer> {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new Error(`Not a sha256 digest: ${digest.slice(0, 80)}`);
  // ECR answers with a redirect to S3, which gets no registry authorization.
  const response = await get(handler, `${baseUrl(token)}/v2/${repository}/blobs/${digest}`, { authorization: authorization(token) });
  if (response.status !== 200) throw await registryError(response, 'Reading the blob');
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.body.destroy();
    throw new Error(`The blob is ${declared} bytes, more than the ${maxBytes} read here.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new Error(`The blob is more than the ${maxBytes} bytes read here.`);
    }
    chunks.push(Buffer.from(chunk as Buffer));
  }
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== match[1]) throw new Error(`The registry sent bytes that do not match ${digest}.`);
  return bytes;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
