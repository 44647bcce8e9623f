import * as assert from 'node:assert/strict';
import { kubernetesScanner } from '../../../src/core/scanners';
import { scanKubernetes } from '../../../src/core/scanners/kubernetes';
import { scanPerDocument } from '../../../src/core/scanners/perDocument';
import { assertRangesMatch, fixture } from './scannerSupport';

describe('per-document scanning of multi-document YAML', () => {
  it('finds exactly what a whole-file scan finds, ranges and ecr-ignore included', () => {
    const text = [fixture('k8s.yaml'), '---\r\n# ecr-ignore\n', fixture('k8s.yaml'), '--- \n', fixture('k8s.yaml')].join('');
    const references = kubernetesScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references, scanKubernetes(text));
    assert.ok(references.length > 0);
  });

  it('parses again only the documents whose text changed', () => {
    const scanned: string[] = [];
    const scan = scanPerDocument((piece) => {
      scanned.push(piece);
      return scanKubernetes(piece);
    });
    const doc = (name: string): string => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ${name}\n`;
    const before = [doc('a:1'), doc('b:1'), doc('c:1')].join('---\n');
    const after = [doc('a:1'), doc('b:2'), doc('c:1')].join('---\n');
    scan(before);
    scanned.length = 0;
    const references = scan(after);
    assert.deepEqual(scanned, [`---\n${doc('b:2')}`]);
    assert.deepEqual(references, scanKubernetes(after));
    assert.deepEqual(references.map((r) => [r.range.start.line, r.text]), [[4, 'a:1'], [10, 'b:2'], [16, 'c:1']]);
  });

  it('scans streams with directives or document end markers whole', () => {
    const scanned: string[] = [];
    const scan = scanPerDocument((piece) => {
      scanned.push(piece);
      return [];
    });
    const text = '%YAML 1.2\n---\nkind: Pod\n---\nkind: Pod\n...\n';
    scan(text);
    assert.deepEqual(scanned, [text]);
  });
});
