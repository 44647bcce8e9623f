// Build arg values never reach the log: short ones and harmless-looking names included.
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/docker/redact';
import { buildArgValuesToMask } from '../../../src/push/buildArgValues';

describe('push/buildArgValues', () => {
  it('masks every non-empty value, also those under 8 characters', () => {
    const masks = buildArgValuesToMask({ PIN: '4711', GIT_REF: 'abc123', EMPTY: '' });
    assert.deepEqual(masks.sort(), ['4711', 'abc123']);
    assert.equal(redactSecrets('Step 3/4 : RUN echo 4711 abc123', masks), 'Step 3/4 : RUN echo *** ***');
  });
});
