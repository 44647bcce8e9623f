import * as assert from 'node:assert/strict';
import { helmValuesScanner } from '../../../src/core/scanners';
import { assertRangesMatch, fixture, summary } from './scannerSupport';

describe('Helm values scanner', () => {
  it('composes registry/repository:tag@digest on the repository value, and reads plain image strings', () => {
    const text = fixture('values.yaml');
    const references = helmValuesScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[3, 14, 3, 22], 'shop/web', { resolved: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2' }],
      // An unquoted `tag: 1.30` is a number to YAML; Helm prints the source text.
      [[7, 17, 7, 33], 'envoyproxy/envoy', { resolved: 'envoyproxy/envoy:1.30@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }],
      [[14, 16, 14, 36], 'prom/statsd-exporter', { resolved: 'prom/statsd-exporter:v0.26.0' }, 'ignored'],
      [[18, 16, 18, 23], 'busybox', { unresolved: 'has no tag here; the chart usually falls back to its appVersion' }],
      [[20, 9, 20, 18], 'redis:7.2'],
    ]);
  });

  it('honours ecr-ignore above the image key', () => {
    const text = 'a:\n  # ecr-ignore\n  image:\n    repository: x/y\n    tag: "1"\n';
    assert.deepEqual(helmValuesScanner.scan(text).map((r) => r.ignored), [true]);
  });

  it('reads split image maps under keys ending in image, and maps of images under image', () => {
    const text = 'thanosImage:\n  registry: quay.io\n  repository: thanos/thanos\n  tag: v0.34.0\nbaseImage: true\nimageTag: "1"\nimage:\n  busybox:\n    repository: library/busybox\n    tag: "1.36"\n  pullPolicy: IfNotPresent\n';
    assert.deepEqual(helmValuesScanner.scan(text).map(summary), [
      [[2, 14, 2, 27], 'thanos/thanos', { resolved: 'quay.io/thanos/thanos:v0.34.0' }],
      [[8, 16, 8, 31], 'library/busybox', { resolved: 'library/busybox:1.36' }],
    ]);
  });
});
