// `npm run sandbox`: starts the sandbox, prints shell-exportable settings, runs until Ctrl-C.
import { startSandbox } from './index';

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const apiPortArg = process.argv.find((arg) => arg.startsWith('--port='));
  const sandbox = await startSandbox({
    seed: !process.argv.includes('--no-seed'),
    apiPort: apiPortArg ? Number(apiPortArg.slice('--port='.length)) : undefined,
    log: (line) => {
      if (verbose) process.stderr.write(`[sandbox] ${line}\n`);
    },
  });
  for (const [key, value] of Object.entries(sandbox.env)) process.stdout.write(`${key}=${value}\n`);
  for (const registry of sandbox.registries) {
    process.stdout.write(`# registry ${registry.accountId} ${registry.region}: ${registry.host}\n`);
  }
  for (const account of sandbox.accounts.slice(1)) {
    process.stdout.write(`# account ${account.accountId} (${account.region}): AWS_ACCESS_KEY_ID=${account.accessKeyId} AWS_SECRET_ACCESS_KEY=${account.secretAccessKey}\n`);
  }
  process.stdout.write(`# control API: ${sandbox.endpoint}/__sandbox/state ; Ctrl-C stops the sandbox\n`);
  // startSandbox installed SIGINT/SIGTERM handlers that stop it and then exit; keep the process alive.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
