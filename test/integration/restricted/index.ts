// Entry point of the Restricted Mode suite (extensionTestsPath): the fixtures folder opened with
// workspace trust on and the folder not trusted, in a VS Code window of its own.
import { findTests } from '../../support/results';
import { runSuiteIn } from '../index';

export function run(): Promise<void> {
  return runSuiteIn('restricted', findTests(__dirname, '.restricted.js'));
}
