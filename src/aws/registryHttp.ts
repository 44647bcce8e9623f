// The registry's own HTTP API (/v2/, OCI distribution spec) with the ECR login token: the referrers
// API for registries without ListImageReferrers, and blobs (an SBOM's document) by digest.
import { createHash } from 'node:crypto';
import type { ImageReferrer } from '@aws-sdk/client-ecr';
import type { AuthorizationToken } from './tokenCache';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function baseUrl(token: AuthorizationToken): string {
  const endpoint = token.proxyEndpoint.includes('://') ? token.proxyEndpoint : `https://${token.proxyEndpoint}`;
  return endpoint.replace(/\/+$/, '');
}

function authorization(token: AuthorizationToken): string {
  return `Basic ${Buffer.from(`${token.username}:${token.password}`).toString('base64')}`;
}

/** An error named like the API's, so the one classifier (errors.ts) reads it: 403 is access denied. */
async function registryError(response: Response, what: string): Promise<Error> {
  const text = (await response.text()).slice(0, 500);
  let message = text;
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    message = (parsed.errors ?? []).map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ') || text;
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
export async function ociReferrers(token: AuthorizationToken, repository: string, digest: string): Promise<ImageReferrer[] | undefined> {
  const response = await fetch(`${baseUrl(token)}/v2/${repository}/referrers/${digest}`, {
    headers: { authorization: authorization(token), accept: OCI_INDEX },
  });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw await registryError(response, 'Listing referrers');
  const index = (await response.json()) as { manifests?: unknown };
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
export async function fetchBlob(token: AuthorizationToken, repository: string, digest: string, maxBytes: number): Promise<Buffer> {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new Error(`Not a sha256 digest: ${digest.slice(0, 80)}`);
  // ECR answers with a redirect to S3; fetch drops the authorization header on the way there.
  const response = await fetch(`${baseUrl(token)}/v2/${repository}/blobs/${digest}`, { headers: { authorization: authorization(token) } });
  if (!response.ok) throw await registryError(response, 'Reading the blob');
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`The blob is ${declared} bytes, more than the ${maxBytes} read here.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new Error(`The blob is more than the ${maxBytes} bytes read here.`);
    chunks.push(Buffer.from(chunk as Uint8Array));
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
