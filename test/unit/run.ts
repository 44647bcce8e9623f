// Runs the unit tests in plain Node (no VS Code) and writes the counts to $ECR_TEST_RESULTS.
import { ensureDockerEngine } from '../sandbox';
import { findTests, runMocha, writeResult } from '../support/results';

async function main(): Promise<void> {
  // Docker and sandbox tests need an engine; on a fresh CI machine nobody has started one yet.
  await ensureDockerEngine((line) => console.log(`[docker] ${line}`)).catch((error: Error) => console.error(`[docker] ${error.message}`));
  const result = await runMocha('unit', `Node ${process.version}`, findTests(__dirname), { timeout: 60_000 });
  if (process.env.ECR_TEST_RESULTS) writeResult(process.env.ECR_TEST_RESULTS, result);
  process.exitCode = result.failed > 0 ? 1 : 0;
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

