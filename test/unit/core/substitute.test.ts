import * as assert from 'node:assert/strict';
import { substitute } from '../../../src/core/scanners/substitute';

const vars: Record<string, string> = { SET: 'v', EMPTY: '' };
const lookup = (name: string): string | undefined => vars[name];
const compose = (text: string) => substitute(text, lookup, { escape: 'dollar' });

describe('variable substitution', () => {
  it('expands the shell forms', () => {
    assert.deepEqual(compose('a$SET${SET}'), { value: 'avv' });
    assert.deepEqual(compose('${UNSET:-d}${EMPTY:-e}${EMPTY-f}'), { value: 'de' });
    assert.deepEqual(compose('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}'), { value: 'alt||alt' });
    assert.deepEqual(compose('${UNSET:-${SET}}'), { value: 'v' });
    assert.deepEqual(compose('$$SET'), { value: '$SET' });
    assert.deepEqual(compose('cost: $ 5'), { value: 'cost: $ 5' });
  });

  it('explains what cannot be resolved', () => {
    assert.deepEqual(compose('x:${TAG}'), { unresolved: 'uses variable ${TAG} with no default' });
    assert.deepEqual(compose('x:$TAG'), { unresolved: 'uses variable ${TAG} with no default' });
    assert.deepEqual(compose('${TAG:?set TAG}'), { unresolved: 'requires variable ${TAG}: set TAG' });
    assert.deepEqual(compose('${TAG:+x}'), { unresolved: 'uses variable ${TAG} with no value here (its value decides the result)' });
    assert.deepEqual(compose('${TAG'), { unresolved: 'has a "${" without its closing "}"' });
    assert.deepEqual(compose('${}'), { unresolved: 'has a "${...}" without a valid variable name' });
    assert.equal(compose(`${'${A:-'.repeat(100)}x${'}'.repeat(100)}`).unresolved, 'nests "${...}" too deeply');
  });

  it('uses \\$ as the escape in Dockerfiles', () => {
    assert.deepEqual(substitute('\\$SET$SET', lookup, { escape: 'backslash' }), { value: '$SETv' });
  });
});
