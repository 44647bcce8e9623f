// The local ECR sandbox: Docker Engine + docker-registry + an ECR API emulator, all on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiHandler } from './api/server';
import { RegistryBackend } from './backend';
import { createDataPlaneHandler } from './dataPlane';
import type { Faults } from './faults';
import { SandboxState, storageName, type AccountInfo, type RegistryState } from './model';
import { ensureDockerEngine, startRegistryProcess, type RegistryProcess } from './processes';
import { RegistryStorage } from './storage';
import { bulkSeed, type BulkSeedRequest } from './seed/bulk';
import { seedSandbox } from './seed/seeder';

export type { Faults } from './faults';
export { ensureDockerEngine } from './processes';

export interface SandboxAccount {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}
export interface SandboxRegistry {
  readonly accountId: string;
  readonly region: string;
  readonly host: string; // "127.0.0.1:PORT"
}
export interface SandboxOptions {
  readonly seed?: boolean; // default true
  readonly log?: (line: string) => void;
  readonly apiPort?: number;
  /** Serve the ECR API over TLS with this key and certificate (PEM); plain HTTP without it. */
  readonly tls?: { readonly key: string; readonly cert: string };
}
export interface Sandbox {
  readonly endpoint: string; // "http://127.0.0.1:PORT" (https:// with `tls`) — ECR API + /__sandbox control
  readonly accounts: readonly SandboxAccount[]; // [0] is the default (111111111111, us-east-1)
  readonly registries: readonly SandboxRegistry[];
  readonly env: Readonly<Record<string, string>>; // for accounts[0]
  setFaults(faults: Faults): void;
  resetFaults(): void;
  stop(): Promise<void>;
}

/** Fixed, well-known sandbox credentials (they unlock nothing but this local emulator). */
export const SANDBOX_ACCOUNTS: readonly SandboxAccount[] = [
  { accountId: '111111111111', region: 'us-east-1', accessKeyId: 'AKIASANDBOX111111111', secretAccessKey: 'sandbox-secret-key-for-111111111111' },
  { accountId: '222222222222', region: 'eu-west-1', accessKeyId: 'AKIASANDBOX222222222', secretAccessKey: 'sandbox-secret-key-for-222222222222' },
];

/** Internals for tests of the sandbox itself (not part of the public shape above). */
export interface SandboxInternals extends Sandbox {
  readonly state: SandboxState;
  bulkSeed(request: BulkSeedRequest): Promise<{ repositoryName: string; count: number; ms: number }>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxInternals> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ecr-sandbox-'));
  const servers: Server[] = [];
  let registryProcess: RegistryProcess | undefined;
  let backend: RegistryBackend | undefined;
  let state: SandboxState | undefined;
  let stopped = false;

  const stopSync = (): void => {
    // Last resort on process exit: nothing async runs any more, so kill and delete synchronously.
    registryProcess?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopSync);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    state?.dispose();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })));
    backend?.dispose();
    await registryProcess?.stop();
    rmSync(dir, { recursive: true, force: true });
    log('sandbox stopped');
  };
  function onSignal(signal: NodeJS.Signals): void {
    log(`${signal}: stopping the sandbox`);
    void stop().finally(() => process.kill(process.pid, signal));
  }
  process.once('exit', stopSync);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await ensureDockerEngine(log).catch((error: Error) => log(`warning: ${error.message} (docker push/pull will not work)`));
    registryProcess = await startRegistryProcess(join(dir, 'registry'), log);
    backend = new RegistryBackend(registryProcess.port);
    const activeBackend = backend;
    const openRegistry = async (accountId: string, region: string): Promise<RegistryState> => {
      const server = createServer();
      servers.push(server);
      const port = await listen(server, 0);
      const registry: RegistryState = { accountId, region, host: `127.0.0.1:${port}`, repositories: new Map(), scanType: 'BASIC' };
      server.on('request', createDataPlaneHandler({ state: activeState(), registry, backendPort: activeBackend.port, agent: activeBackend.agent, log }));
      log(`registry ${accountId}/${region} data plane on ${registry.host}`);
      return registry;
    };
    const activeState = (): SandboxState => {
      if (!state) throw new Error('sandbox state not ready');
      return state;
    };
    state = new SandboxState(SANDBOX_ACCOUNTS as AccountInfo[], new RegistryStorage(registryProcess.storageRoot), openRegistry);
    const liveState = state;
    for (const account of SANDBOX_ACCOUNTS) await liveState.ensureRegistry(account.accountId, account.region);

    const apiServer = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }) : createServer();
    servers.push(apiServer);
    const doBulkSeed = (request: BulkSeedRequest): ReturnType<typeof bulkSeed> => bulkSeed(liveState, request);
    apiServer.on('request', createApiHandler(liveState, backend, {
      bulkSeed: (body) => doBulkSeed(body as unknown as BulkSeedRequest),
      describe: () => describeState(liveState),
    }, log));
    const apiPort = await listen(apiServer, options.apiPort ?? 0);
    const endpoint = `${options.tls ? 'https' : 'http'}://127.0.0.1:${apiPort}`;
    if (options.seed !== false) await seedSandbox(liveState, log);
    log(`sandbox ready at ${endpoint} in ${Date.now() - started} ms`);

    const first = SANDBOX_ACCOUNTS[0];
    return {
      endpoint,
      accounts: SANDBOX_ACCOUNTS,
      get registries(): readonly SandboxRegistry[] {
        return [...liveState.registries.values()].map(({ accountId, region, host }) => ({ accountId, region, host }));
      },
      env: {
        AWS_ENDPOINT_URL_ECR: endpoint,
        AWS_REGION: first.region,
        AWS_ACCESS_KEY_ID: first.accessKeyId,
        AWS_SECRET_ACCESS_KEY: first.secretAccessKey,
      },
      setFaults: (faults) => liveState.faults.set(faults),
      resetFaults: () => liveState.faults.reset(),
      stop,
      state: liveState,
      bulkSeed: doBulkSeed,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function describeState(state: SandboxState): object {
  return {
    accounts: state.accounts.map(({ accountId, region, accessKeyId }) => ({ accountId, region, accessKeyId })),
    faults: state.faults.snapshot(),
    registries: [...state.registries.values()].map((registry) => ({
      accountId: registry.accountId,
      region: registry.region,
      host: registry.host,
      scanType: registry.scanType,
      repositories: [...registry.repositories.values()].map((repo) => ({
        name: repo.name,
        storedAs: storageName(repo),
        imageTagMutability: repo.imageTagMutability,
        scanOnPush: repo.scanOnPush,
        images: state.images.list(repo).images.length,
        hasLifecyclePolicy: repo.lifecyclePolicy !== undefined,
      })),
    })),
  };
}
