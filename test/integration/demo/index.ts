// Entry point of the demo suite (extensionTestsPath): runs in the demo's own workspace
// (test/fixtures/demo), as `npm run demo` opens it, to prove a newcomer's first steps work.
import { findTests } from '../../support/results';
import { runSuiteIn } from '../index';

export function run(): Promise<void> {
  return runSuiteIn('demo', findTests(__dirname, '.demo.js'));
}
