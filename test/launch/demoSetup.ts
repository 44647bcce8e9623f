// The demo runs against the same sandbox as the integration suite, on a workspace of its own
// (test/fixtures/demo) where "Build, Tag and Push" with every default builds and pushes; the
// integration fixtures keep their failure cases (a stage that fails, missing tags) for the tests.
import { integrationSetup, type IntegrationSetup } from './integrationSetup';

export function demoSetup(): Promise<IntegrationSetup> {
  return integrationSetup(undefined, 'demo');
}
