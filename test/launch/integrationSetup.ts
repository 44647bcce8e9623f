// What the integration suite runs against: a fixtures workspace and its settings. The sandbox
// (ECR emulator + registry + Docker) joins here once it exists.
import { join } from 'node:path';
import { repoRoot } from './codeServer';

export interface IntegrationSetup {
  readonly workspace: string;
  readonly env: Record<string, string>;
  readonly settings: Record<string, unknown>;
  dispose(): Promise<void>;
}

export async function integrationSetup(): Promise<IntegrationSetup> {
  return {
    workspace: join(repoRoot, 'test', 'fixtures', 'workspace'),
    env: {},
    settings: {},
    dispose: async () => undefined,
  };
}
