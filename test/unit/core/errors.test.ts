import * as assert from 'node:assert/strict';
import { errorMessage, toError } from '../../../src/core/errors';

describe('errorMessage and toError', () => {
  it('takes the message of an Error and the text of anything else thrown', () => {
    assert.equal(errorMessage(new TypeError('bad input')), 'bad input');
    assert.equal(errorMessage('socket hang up'), 'socket hang up');
    assert.equal(errorMessage(undefined), 'undefined');
  });

  it('keeps an Error as it is and wraps anything else', () => {
    const error = new RangeError('too far');
    assert.equal(toError(error), error);
    assert.equal(toError('closed').message, 'closed');
    assert.ok(toError(42) instanceof Error);
  });
});
