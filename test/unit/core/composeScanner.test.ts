import * as assert from 'node:assert/strict';
import { composeScanner } from '../../../src/core/scanners';
import { assertRangesMatch, fixture, summary } from './scannerSupport';

describe('compose scanner', () => {
  it('finds services.*.image with exact ranges (inside quotes), interpolation and ecr-ignore', () => {
    const text = fixture('compose.yaml');
    const references = composeScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[6, 11, 6, 70], '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.2'],
      [[10, 12, 10, 87], '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/worker:${WORKER_TAG:-2.0}', { resolved: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/worker:2.0' }],
      [[13, 12, 13, 19], 'redis:7', 'ignored'],
      [[14, 15, 14, 26], 'postgres:16'],
      [[18, 11, 18, 37], 'example.com/app:${APP_TAG}', { unresolved: 'uses variable ${APP_TAG} with no default' }],
      [[20, 12, 20, 38], 'example.com/cost:$$notavar', { resolved: 'example.com/cost:$notavar' }],
    ]);
  });

  it('reports escapes of double-quoted scalars as resolved, keeping the source text', () => {
    const text = 'services:\n  a:\n    image: "example.com/\\x61pp:1"\n';
    assert.deepEqual(composeScanner.scan(text).map(summary), [[[2, 12, 2, 32], 'example.com/\\x61pp:1', { resolved: 'example.com/app:1' }]]);
  });

  it('ignores image keys outside services and non-string images', () => {
    const text = 'image: top-level\nservices:\n  a:\n    image: 42\n  b:\n    image:\n  c:\n    image: [x]\n';
    assert.deepEqual(composeScanner.scan(text), []);
  });

  it('reads image through <<: *defaults merge keys, once per shared scalar, explicit keys first', () => {
    const text = 'x-app: &app\n  image: example.com/app:1\nx-db: &db\n  image: example.com/db:2\nservices:\n  web:\n    <<: *app\n  api:\n    <<: *app\n  db:\n    <<: [*db, *app]\n  own:\n    <<: *app\n    image: example.com/own:3\n';
    assert.deepEqual(composeScanner.scan(text).map(summary), [
      [[1, 9, 1, 26], 'example.com/app:1'],
      [[3, 9, 3, 25], 'example.com/db:2'],
      [[13, 11, 13, 28], 'example.com/own:3'],
    ]);
  });
});
