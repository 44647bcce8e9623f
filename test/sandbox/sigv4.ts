// Verifies AWS Signature Version 4 on incoming API requests, as the real ECR endpoint does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { EcrError } from './ecrError';

export interface SignedRequest {
  readonly method: string;
  readonly url: string; // path + query, as received
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface SignatureScope {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Reads the credential scope without checking anything (to find the secret key). */
export function parseScope(headers: IncomingHttpHeaders): (SignatureScope & { date: string; signedHeaders: string[]; signature: string }) | undefined {
  const match = AUTH_PATTERN.exec(String(headers.authorization ?? ''));
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Throws InvalidSignatureException unless the request was signed with `secretAccessKey`. */
export function verifySignature(request: SignedRequest, secretAccessKey: string): void {
  const scope = parseScope(request.headers);
  if (!scope) throw new EcrError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(scope.date)) {
    throw new EcrError('InvalidSignatureException', 'X-Amz-Date is missing or does not match the credential scope.');
  }
  const skewMs = Math.abs(Date.now() - parseAmzDate(amzDate));
  if (skewMs > 15 * 60_000) throw new EcrError('InvalidSignatureException', 'Signature expired: the request time is more than 15 minutes from the server time.');
  if (!scope.signedHeaders.includes('host')) throw new EcrError('InvalidSignatureException', "'Host' must be a signed header.");

  const [path, query = ''] = request.url.split('?', 2);
  const canonicalHeaders = scope.signedHeaders
    .map((name) => `${name}:${headerValue(request.headers, name)}\n`)
    .join('');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? sha256Hex(request.body));
  const canonicalRequest = [
    request.method,
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders,
    scope.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(Buffer.from(canonicalRequest))].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, scope.date);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(scope.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EcrError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

function canonicalPath(path: string): string {
  // Each segment is URI-encoded once (ECR does not double-encode, unlike most services).
  return path
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/') || '/';
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const [k, v = ''] = pair.split('=', 2);
      return [encodeRfc3986(decodeURIComponent(k)), encodeRfc3986(decodeURIComponent(v))] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(value: string): number {
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`;
  return Date.parse(iso);
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
