// Picks the scanner for a document by language id, file name, then content.
import { cloudFormationScanner } from './cloudFormation';
import { composeScanner } from './compose';
import { dockerfileScanner } from './dockerfile';
import { ecsTaskDefinitionScanner } from './ecsTaskDefinition';
import { helmValuesScanner } from './helmValues';
import { kubernetesScanner } from './kubernetes';
import { looksLikeJson } from './tree';
import { Scanner } from './types';

export * from './types';
export { ScanTimeoutError, ScanWorker, type ScanRequest } from './offThread';
export { cloudFormationScanner, composeScanner, dockerfileScanner, ecsTaskDefinitionScanner, helmValuesScanner, kubernetesScanner };

export const allScanners: readonly Scanner[] = [
  dockerfileScanner,
  composeScanner,
  kubernetesScanner,
  ecsTaskDefinitionScanner,
  cloudFormationScanner,
  helmValuesScanner,
];

const DATA_LANGUAGES = new Set(['yaml', 'json', 'jsonc']);
const DATA_EXTENSION = /\.(ya?ml|json|jsonc)$/;

/** Sniffs only the start of big documents: the markers sit near the top in practice. */
const SNIFF_LENGTH = 64 * 1024;

/** `services:` at the top level, then (after blank or comment lines) an indented `name:` key. */
const COMPOSE_SERVICES = /^services:[ \t]*(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]+["']?[\w.-]+["']?[ \t]*:/m;

/** Container definitions as Terraform renders them (`jsonencode([...])`): a top-level array of objects with `name` and `image`. */
function isContainerDefinitionList(head: string): boolean {
  return /^\s*\[\s*\{/.test(head) && /"image"\s*:/.test(head) && /"name"\s*:/.test(head);
}

export function scannerFor(fileName: string, languageId?: string, text?: string): Scanner | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (languageId === 'dockerfile' || isDockerfileName(base)) return dockerfileScanner;
  if (languageId === 'dockercompose' || isComposeName(base)) return composeScanner;
  if (isHelmValuesName(base)) return helmValuesScanner;
  if (!(languageId !== undefined && DATA_LANGUAGES.has(languageId)) && !DATA_EXTENSION.test(base)) return undefined;
  return text === undefined ? undefined : scannerForContent(text);
}

function isDockerfileName(base: string): boolean {
  return /^(dockerfile|containerfile)(\..+)?$/.test(base) || base.endsWith('.dockerfile') || base.endsWith('.containerfile');
}

// `values.yaml`, `values-prod.yaml`, and chart test values such as `ci/ingress-values.yaml`.
function isHelmValuesName(base: string): boolean {
  return /^values.*\.ya?ml$/.test(base) || /^[^.]+[-_.]values\.ya?ml$/.test(base);
}

function isComposeName(base: string): boolean {
  return /^(docker-)?compose([.-].*)?\.ya?ml$/.test(base);
}

/** CloudFormation, ECS task definition, Kubernetes manifest or compose file, by the keys they must have. */
export function scannerForContent(text: string): Scanner | undefined {
  const head = text.slice(0, SNIFF_LENGTH);
  const json = looksLikeJson(head);
  const key = (name: string): RegExp => (json ? new RegExp(`"${name}"\\s*:`) : new RegExp(`^[ \\t-]*["']?${name}["']?[ \\t]*:`, 'm'));
  if (key('AWSTemplateFormatVersion').test(head) || (key('Resources').test(head) && /AWS::[A-Za-z0-9]+::/.test(head))) return cloudFormationScanner;
  if (key('containerDefinitions').test(head)) return ecsTaskDefinitionScanner;
  if (json && isContainerDefinitionList(head)) return ecsTaskDefinitionScanner;
  if (key('apiVersion').test(head) && key('kind').test(head)) return kubernetesScanner;
  // `docker-stack.yml` and other compose files by content: a top-level `services:` map.
  if (!json && COMPOSE_SERVICES.test(head)) return composeScanner;
  return undefined;
}
