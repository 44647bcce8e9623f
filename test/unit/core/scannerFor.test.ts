import * as assert from 'node:assert/strict';
import { scannerFor } from '../../../src/core/scanners';
import { fixture } from './scannerSupport';

const kindFor = (fileName: string, languageId?: string, text?: string): string | undefined => scannerFor(fileName, languageId, text)?.kind;

describe('scannerFor', () => {
  it('picks the Dockerfile scanner by name or language id', () => {
    for (const name of ['Dockerfile', '/w/app/dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'Containerfile', 'C:\\w\\Containerfile.prod']) assert.equal(kindFor(name), 'dockerfile', name);
    assert.equal(kindFor('build.txt', 'dockerfile'), 'dockerfile');
  });

  it('picks compose by name or language id', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.prod.yaml', 'compose.override.yaml']) assert.equal(kindFor(name), 'compose', name);
    assert.equal(kindFor('stack.yml', 'dockercompose'), 'compose');
  });

  it('picks Helm values by name', () => {
    for (const name of ['values.yaml', 'values-prod.yml', 'charts/web/values.staging.yaml']) assert.equal(kindFor(name), 'helmValues', name);
  });

  it('sniffs YAML and JSON content: CloudFormation, ECS task definitions, Kubernetes', () => {
    assert.equal(kindFor('stack.yaml', 'yaml', fixture('cfn.yaml')), 'cloudFormation');
    assert.equal(kindFor('stack.json', 'json', fixture('cfn.json')), 'cloudFormation');
    assert.equal(kindFor('td.json', 'json', fixture('taskdef.json')), 'ecsTaskDefinition');
    assert.equal(kindFor('deploy.yaml', 'yaml', fixture('k8s.yaml')), 'kubernetes');
    assert.equal(kindFor('pod.json', undefined, '{"apiVersion": "v1", "kind": "Pod"}'), 'kubernetes');
    assert.equal(kindFor('cfn-no-version.yml', undefined, 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n'), 'cloudFormation');
  });

  it('returns undefined for other files and for data files it cannot identify', () => {
    assert.equal(kindFor('README.md'), undefined);
    assert.equal(kindFor('main.ts', 'typescript', 'FROM x'), undefined);
    assert.equal(kindFor('config.yaml', 'yaml', 'key: value\n'), undefined);
    assert.equal(kindFor('config.yaml', 'yaml'), undefined);
  });

  it('recognises compose files of other names by a top-level services map, and Helm CI values files', () => {
    const stack = 'version: "3.8"\n# stack\nservices:\n\n  web:\n    image: nginx\n';
    assert.equal(kindFor('docker-stack.yml', 'yaml', stack), 'compose');
    assert.equal(kindFor('.gitlab-ci.yml', 'yaml', 'services:\n  - docker:dind\n'), undefined);
    for (const name of ['charts/x/ci/ingress-values.yaml', 'ci/default_values.yml']) assert.equal(kindFor(name), 'helmValues', name);
    assert.equal(kindFor('main.tf.json', 'json', '[{"name": "web", "image": "example.com/web:1"}]'), 'ecsTaskDefinition');
    assert.equal(kindFor('list.json', 'json', '[1, 2]'), undefined);
  });
});
