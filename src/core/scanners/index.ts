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

export function scannerFor(fileName: string, languageId?: string, text?: string): Scanner | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (languageId === 'dockerfile' || isDockerfileName(base)) return dockerfileScanner;
  if (languageId === 'dockercompose' || isComposeName(base)) return composeScanner;
  if (/^values.*\.ya?ml$/.test(base)) return helmValuesScanner;
  if (!(languageId !== undefined && DATA_LANGUAGES.has(languageId)) && !DATA_EXTENSION.test(base)) return undefined;
  return text === undefined ? undefined : scannerForContent(text);
}

function isDockerfileName(base: string): boolean {
  return /^(dockerfile|containerfile)(\..+)?$/.test(base) || base.endsWith('.dockerfile') || base.endsWith('.containerfile');
}

function isComposeName(base: string): boolean {
  return /^(docker-)?compose([.-].*)?\.ya?ml$/.test(base);
}

/** CloudFormation, ECS task definition or Kubernetes manifest, by the keys they must have. */
export function scannerForContent(text: string): Scanner | undefined {
  const head = text.slice(0, SNIFF_LENGTH);
  const json = looksLikeJson(head);
  const key = (name: string): RegExp => (json ? new RegExp(`"${name}"\\s*:`) : new RegExp(`^[ \\t-]*["']?${name}["']?[ \\t]*:`, 'm'));
  if (key('AWSTemplateFormatVersion').test(head) || (key('Resources').test(head) && /AWS::[A-Za-z0-9]+::/.test(head))) return cloudFormationScanner;
  if (key('containerDefinitions').test(head)) return ecsTaskDefinitionScanner;
  if (key('apiVersion').test(head) && key('kind').test(head)) return kubernetesScanner;
  return undefined;
}
