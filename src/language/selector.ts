import * as vscode from 'vscode';

/** Documents with image references: Dockerfiles, compose files, Kubernetes/ECS/CloudFormation YAML and JSON. */
const LANGUAGES = ['dockerfile', 'dockercompose', 'yaml', 'json', 'jsonc'];
const SCHEMES = ['file', 'untitled'];

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));

/** Workspace files `ecr.checkWorkspace` reads. */
export const WORKSPACE_GLOB = '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,*.yaml,*.yml,*.json,*.jsonc}';
export const WORKSPACE_EXCLUDE = '**/{node_modules,.git,dist,out,.vscode-test}/**';

export function isSupported(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}
