// Entry point of the journeys suite (extensionTestsPath): realistic sequences across features, run
// in a VS Code window of their own, so the first journey meets the extension as a new user does.
import { findTests } from '../../support/results';
import { runSuiteIn } from '../index';

export function run(): Promise<void> {
  return runSuiteIn('journeys', findTests(__dirname, '.journey.js'));
}
