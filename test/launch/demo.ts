// `npm run demo`: starts the local ECR sandbox and VS Code (offline build) with the extension
// on a sample workspace, prints the URL to open, and runs until Ctrl-C.
import { repoRoot, startServer } from './codeServer';
import { demoSetup } from './demoSetup';

async function main(): Promise<void> {
  const setup = await demoSetup();
  const server = await startServer({ env: setup.env, settings: setup.settings });
  const url = server.url(setup.workspace, repoRoot);
  console.log(`\nECR Explorer demo is running. Open this URL in a browser:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
  const stop = async () => {
    await server.stop();
    await setup.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}



void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
