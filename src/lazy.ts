// What activation and the first draw do not need lives in bundles of its own that load the first
// time a feature needs them: the AWS SDK (dist/aws.js; dist/discovery.js lists registries without
// it), dockerode (dist/docker.js), the YAML/JSON scanners (dist/scanners.js), the gate's policy
// parser (dist/policy.js) and the command bodies with what only they use (dist/commands.js).
// A module both in the main bundle and in one of these is two copies: keep state on EcrContext.
import { join } from 'node:path';

export type AwsModule = typeof import('./aws/index');
export type DiscoveryModule = typeof import('./aws/discovery');
export type DockerModule = typeof import('./docker/index');
export type ScannersModule = typeof import('./core/scanners/index');
export type PolicyModule = typeof import('./core/policy/index');
export type CommandsModule = typeof import('./commands/bodies');

let aws: Promise<AwsModule> | undefined;
let discovery: Promise<DiscoveryModule> | undefined;
let docker: Promise<DockerModule> | undefined;
let scanners: Promise<ScannersModule> | undefined;
let policy: Promise<PolicyModule> | undefined;
let commands: Promise<CommandsModule> | undefined;

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

/** The command bodies (src/commands/bodies.ts); src/commands/index.ts registers their ids. */
export function loadCommands(): Promise<CommandsModule> {
  commands ??= loadBundle<CommandsModule>('commands.js');
  return commands;
}

function loadBundle<T>(file: string): Promise<T> {
  // A computed path keeps esbuild from inlining the bundle into the main one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS bundle loaded at run time
  return Promise.resolve().then(() => require(join(__dirname, file)) as T);
}
