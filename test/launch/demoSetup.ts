// What the demo runs against. The sandbox joins here once it exists.
import { join } from 'node:path';
import { repoRoot } from './codeServer';
import type { IntegrationSetup } from './integrationSetup';

export async function demoSetup(): Promise<IntegrationSetup> {
  return { workspace: join(repoRoot, 'test', 'fixtures', 'workspace'), env: {}, settings: {}, dispose: async () => undefined };
}
