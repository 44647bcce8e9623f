// The AWS SDK, dockerode and the YAML/JSON scanners are large; they live in their own bundles
// (dist/aws.js, dist/docker.js, dist/scanners.js, dist/policy.js, and dist/discovery.js without
// the SDK) and load the first time a feature needs them, not at activation.
import { join } from 'node:path';

export type AwsModule = typeof import('./aws/index');
export type DiscoveryModule = typeof import('./aws/discovery');
export type DockerModule = typeof import('./docker/index');
export type ScannersModule = typeof import('./core/scanners/index');
export type PolicyModule = typeof import('./core/policy/index');

let aws: Promise<AwsModule> | undefined;
let discovery: Promise<DiscoveryModule> | undefined;
let docker: Promise<DockerModule> | undefined;
let scanners: Promise<ScannersModule> | undefined;
let policy: Promise<PolicyModule> | undefined;

export function loadAws(): Promise<AwsModule> {
  aws ??= loadBundle<AwsModule>('aws.js');
  return aws;
}

/** Registry discovery alone (dist/discovery.js): the explorer's first rows need only this. */
export function loadDiscovery(): Promise<DiscoveryModule> {
  discovery ??= loadBundle<DiscoveryModule>('discovery.js');
  return discovery;
}

export function loadDocker(): Promise<DockerModule> {
  docker ??= loadBundle<DockerModule>('docker.js');
  return docker;
}

export function loadScanners(): Promise<ScannersModule> {
  scanners ??= loadBundle<ScannersModule>('scanners.js');
  return scanners;
}

/** The production gate's policy parser and rules (it brings the YAML parser). */
export function loadPolicy(): Promise<PolicyModule> {
  policy ??= loadBundle<PolicyModule>('policy.js');
  return policy;
}

function loadBundle<T>(file: string): Promise<T> {
  // A computed path keeps esbuild from inlining the bundle into the main one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS bundle loaded at run time
  return Promise.resolve().then(() => require(join(__dirname, file)) as T);
}
