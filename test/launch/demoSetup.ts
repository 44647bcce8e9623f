// The demo runs against the same sandbox and workspace as the integration suite.
export { integrationSetup as demoSetup } from './integrationSetup';
