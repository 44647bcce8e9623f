// The ECR API endpoint (AWS JSON 1.1 over HTTP) plus the /__sandbox control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegistryBackend } from '../backend';
import { EcrError } from '../ecrError';
import type { Faults } from '../faults';
import type { SandboxState } from '../model';
import { sleep } from '../processes';
import { parseScope, verifySignature } from '../sigv4';
import { OpContext, type Operation } from './context';
import { emulatorOutput, notImplemented } from './emulator';
import { imageOperations } from './imageOps';
import { layerOperations } from './layerOps';
import { lifecycleOperations } from './lifecycleOps';
import type { Input } from './params';
import { creationTemplateOperations } from './creationTemplateOps';
import { policyOperations } from './policyOps';
import { REFERRER_OPERATIONS, referrerOperations } from './referrerOps';
import { pullThroughCacheOperations } from './pullThroughCacheOps';
import { replicationOperations } from './replicationOps';
import { repositoryOperations } from './repositoryOps';
import { scanOperations } from './scanOps';

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const MAX_BODY = 8 * 1024 * 1024;

const operations: Record<string, Operation> = {
  ...repositoryOperations,
  ...policyOperations,
  ...imageOperations,
  ...layerOperations,
  ...scanOperations,
  ...lifecycleOperations,
  ...replicationOperations,
  ...referrerOperations,
  ...pullThroughCacheOperations,
  ...creationTemplateOperations,
};

/** IAM actions an operation needs beyond `ecr:<Op>` (ECR: listing referrers needs ecr:BatchGetImage). */
const EXTRA_ACTIONS: Record<string, readonly string[]> = { ListImageReferrers: ['ecr:BatchGetImage'] };

export const supportedOperations = Object.keys(operations);

export interface ControlHooks {
  /** POST /__sandbox/bulk-seed */
  bulkSeed(body: Input): Promise<object>;
  /** GET /__sandbox/state */
  describe(): object;
}

export function createApiHandler(
  state: SandboxState,
  backend: RegistryBackend,
  control: ControlHooks,
  log: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void readBody(req)
      .then(async (body) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path.startsWith('/__sandbox/')) return handleControl(path, req.method ?? 'GET', body, state, control, res);
        await handleApi(req, body, state, backend, res, log).catch((error: unknown) => {
          throw error instanceof EcrError ? new EcrError(error.type, state.faults.hostileMessage(error.message), error.status) : error;
        });
      })
      .catch((error: unknown) => {
        if (error instanceof EcrError) return sendError(res, error);
        log(`internal error: ${(error as Error).stack ?? String(error)}`);
        sendError(res, new EcrError('ServerException', (error as Error).message ?? 'internal error', 500));
      });
  };
}

async function handleApi(
  req: IncomingMessage,
  body: Buffer,
  state: SandboxState,
  backend: RegistryBackend,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const faults = state.faults;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  const target = String(req.headers['x-amz-target'] ?? '');
  const opName = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = Object.hasOwn(operations, opName) ? operations[opName] : undefined;
  state.requestCounts.set(opName || '(none)', (state.requestCounts.get(opName || '(none)') ?? 0) + 1);
  if (req.method !== 'POST' || !operation) {
    throw new EcrError('UnknownOperationException', target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header');
  }

  if (opName === 'DescribeRegistry' && faults.emulator.noDescribeRegistry) throw notImplemented(opName);
  if ((faults.emulator.noReferrers || faults.emulator.noReferrersApi) && REFERRER_OPERATIONS.includes(opName)) throw notImplemented(opName);

  const scope = parseScope(req.headers);
  if (!scope) throw new EcrError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const account = state.accountByAccessKey(scope.accessKeyId);
  if (!account) throw new EcrError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  verifySignature({ method: req.method, url: req.url ?? '/', headers: req.headers, body }, account.secretAccessKey);
  if (faults.expiredCredentials) throw new EcrError('ExpiredTokenException', 'The security token included in the request is expired');
  const action = [`ecr:${opName}`, ...(EXTRA_ACTIONS[opName] ?? [])].find((needed) => faults.isDenied(needed));
  if (action) {
    throw new EcrError(
      'AccessDeniedException',
      `User: arn:aws:iam::${account.accountId}:user/sandbox is not authorized to perform: ${action} on resource: arn:aws:ecr:${scope.region}:${account.accountId}:repository/* because no identity-based policy allows the ${action} action`,
    );
  }
  if (faults.takeThrottle()) throw new EcrError('ThrottlingException', 'Rate exceeded');
  if (faults.takeServerError()) throw new EcrError('ServerException', 'We encountered an internal error. Please try again.', 500);

  let input: Input;
  try {
    input = body.length === 0 ? {} : (JSON.parse(body.toString()) as Input);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
  } catch {
    throw new EcrError('SerializationException', 'Start of structure or map found where not expected.');
  }
  const started = Date.now();
  const output = await operation(new OpContext(state, backend, { accountId: account.accountId, region: scope.region }), input);
  sendJson(res, 200, faults.hostileOutput(emulatorOutput(state, output)));
  log(`${opName} ${account.accountId}/${scope.region} ${Date.now() - started} ms`);
}

async function handleControl(path: string, method: string, body: Buffer, state: SandboxState, control: ControlHooks, res: ServerResponse): Promise<void> {
  const input = (): Input => {
    try {
      return body.length === 0 ? {} : (JSON.parse(body.toString()) as Input);
    } catch {
      throw new EcrError('SerializationException', 'request body is not JSON');
    }
  };
  try {
    if (method === 'GET' && path === '/__sandbox/state') return sendJson(res, 200, control.describe());
    if (method === 'GET' && path === '/__sandbox/faults') return sendJson(res, 200, state.faults.snapshot());
    if (method === 'POST' && path === '/__sandbox/faults') {
      state.faults.set(input() as Faults);
      return sendJson(res, 200, state.faults.snapshot());
    }
    if (method === 'POST' && path === '/__sandbox/reset') {
      state.faults.reset();
      return sendJson(res, 200, state.faults.snapshot());
    }
    if (method === 'GET' && path === '/__sandbox/requests') return sendJson(res, 200, Object.fromEntries(state.requestCounts));
    if (method === 'POST' && path === '/__sandbox/requests/reset') {
      state.requestCounts.clear();
      return sendJson(res, 200, {});
    }
    if (method === 'POST' && path === '/__sandbox/expire-tokens') {
      state.expireTokens();
      return sendJson(res, 200, {});
    }
    if (method === 'POST' && path === '/__sandbox/bulk-seed') return sendJson(res, 200, await control.bulkSeed(input()));
    if (method === 'POST' && path === '/__sandbox/backdate') return sendJson(res, 200, backdate(state, input()));
  } catch (error) {
    if (error instanceof EcrError) throw error;
    return sendJson(res, 400, { __type: 'InvalidParameterException', message: (error as Error).message });
  }
  sendJson(res, 404, { __type: 'UnknownOperationException', message: `No control endpoint ${method} ${path}` });
}

/** Seed only: moves an image's push and/or last pull into the past (lifecycle rules and reports by age). */
function backdate(state: SandboxState, body: Input): object {
  const accountId = typeof body.accountId === 'string' ? body.accountId : state.accounts[0].accountId;
  const region = typeof body.region === 'string' ? body.region : (state.accounts.find((a) => a.accountId === accountId)?.region ?? state.accounts[0].region);
  const repo = state.registry(accountId, region)?.repositories.get(String(body.repositoryName));
  const image = repo && state.images.list(repo).byDigest.get(String(body.imageDigest));
  if (!repo || !image) throw new Error(`no image ${String(body.imageDigest)} in ${String(body.repositoryName)}`);
  const daysAgo = (value: unknown): Date | undefined =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? new Date(Date.now() - value * 86_400_000) : undefined;
  const pushed = daysAgo(body.pushedDaysAgo);
  const pulled = daysAgo(body.pulledDaysAgo);
  if (pushed) state.backdatePush(repo, image.digest, pushed);
  if (pulled) state.backdatePull(repo, image.digest, pulled);
  return { imageDigest: image.digest, imagePushedAt: pushed?.toISOString(), lastRecordedPullTime: pulled?.toISOString() };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new EcrError('SerializationException', 'Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: EcrError): void {
  if (res.headersSent) return void res.destroy();
  res.setHeader('x-amzn-errortype', error.type);
  sendJson(res, error.status, { __type: error.type, message: error.message });
}
