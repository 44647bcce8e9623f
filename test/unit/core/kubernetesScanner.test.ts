import * as assert from 'node:assert/strict';
import { kubernetesScanner } from '../../../src/core/scanners';
import { assertRangesMatch, fixture, summary } from './scannerSupport';

describe('kubernetes scanner', () => {
  it('finds container, init and ephemeral container images of every workload kind and of Lists', () => {
    const text = fixture('k8s.yaml');
    const references = kubernetesScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[9, 17, 9, 75], '123456789012.dkr.ecr.us-west-2.amazonaws.com/web/migrate:7'],
      [[12, 18, 12, 142], '123456789012.dkr.ecr.us-west-2.amazonaws.com/web/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
      [[14, 33, 14, 57], 'envoyproxy/envoy:v1.30.0', 'ignored'],
      [[27, 21, 27, 33], 'busybox:1.36'],
      [[36, 13, 36, 18], 'nginx'],
      [[39, 13, 39, 20], 'busybox'],
      [[57, 17, 57, 56], 'quay.io/prometheus/node-exporter:v1.8.0'],
    ]);
  });

  it('covers StatefulSet, DaemonSet, ReplicaSet, Job and PodTemplate shapes', () => {
    const kinds = ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
    const text = kinds.map((kind) => `kind: ${kind}\napiVersion: apps/v1\nspec:\n  template:\n    spec:\n      containers:\n      - image: ${kind.toLowerCase()}:1\n`).join('---\n')
      + '---\nkind: PodTemplate\napiVersion: v1\ntemplate:\n  spec:\n    containers: [{image: "podtemplate:1"}]\n';
    assert.deepEqual(kubernetesScanner.scan(text).map((r) => r.text), ['statefulset:1', 'daemonset:1', 'replicaset:1', 'job:1', 'podtemplate:1']);
  });

  it('reads JSON manifests too', () => {
    const text = '{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx:1.27"}]}}';
    const start = text.indexOf('nginx:1.27');
    assert.equal(start, 75);
    assert.deepEqual(kubernetesScanner.scan(text).map(summary), [[[0, 75, 0, 85], 'nginx:1.27']]);
  });

  it('reads image volumes (volumes[].image.reference)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: app:1\n  volumes:\n    - name: data\n      image:\n        reference: example.com/data:v1\n        pullPolicy: IfNotPresent\n';
    assert.deepEqual(kubernetesScanner.scan(text).map(summary), [
      [[4, 13, 4, 18], 'app:1'],
      [[8, 19, 8, 38], 'example.com/data:v1'],
    ]);
  });

  it('reads Argo Rollouts AnalysisTemplate jobs and Experiment templates', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: AnalysisTemplate',
      'spec:',
      '  metrics:',
      '    - name: smoke',
      '      provider:',
      '        job:',
      '          spec:',
      '            template:',
      '              spec:',
      '                containers:',
      '                  - image: example.com/smoke:1',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Experiment',
      'spec:',
      '  templates:',
      '    - name: canary',
      '      template:',
      '        spec:',
      '          containers:',
      '            - image: example.com/canary:2',
      '',
    ].join('\n');
    assert.deepEqual(kubernetesScanner.scan(text).map((r) => r.text), ['example.com/smoke:1', 'example.com/canary:2']);
  });

  it('reads Argo Workflows templates: container, script, containerSet, init containers and sidecars', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: WorkflowTemplate',
      'spec:',
      '  templates:',
      '    - name: a',
      '      container: {image: example.com/a:1}',
      '    - name: b',
      '      script: {image: example.com/b:1, source: echo}',
      '      initContainers: [{image: example.com/init:1}]',
      '      sidecars: [{image: example.com/side:1}]',
      '    - name: c',
      '      containerSet:',
      '        containers: [{image: example.com/c:1}]',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: CronWorkflow',
      'spec:',
      '  workflowSpec:',
      '    templates: [{container: {image: example.com/cron:1}}]',
      '',
    ].join('\n');
    assert.deepEqual(kubernetesScanner.scan(text).map((r) => r.text), ['example.com/a:1', 'example.com/b:1', 'example.com/init:1', 'example.com/side:1', 'example.com/c:1', 'example.com/cron:1']);
  });
});
