import * as assert from 'node:assert/strict';
import { keyContextAt } from '../../../../src/core/policy/completionContext';

/** The context at the `|` of the text. */
function at(text: string): string | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  return keyContextAt(lines.map((l) => l.replace('|', '')), line, lines[line].indexOf('|'));
}

describe('policy key completion context', () => {
  it('names the map the cursor is in: top level, a rule, a suppression, a rule option', () => {
    assert.equal(at('ver|'), 'top');
    assert.equal(at('rules:\n  - |'), 'rule');
    assert.equal(at('rules:\n  - pinnedByDigest: true\n    fi|'), 'rule');
    assert.equal(at('rules:\n  - maxSeverity: HIGH\n  - |'), 'rule');
    assert.equal(at('suppressions:\n  - cve: CVE-1\n    rea|'), 'suppression');
    assert.equal(at('rules:\n  - scan:\n      max|'), 'scan');
    assert.equal(at('rules:\n  - allowed:\n      # where from\n      acc|'), 'allowed');
    assert.equal(at('rules:\n  - pinnedByDigest: true\nsupp|'), 'top');
  });

  it('offers no keys in a value or a comment', () => {
    assert.equal(at('rules:\n  - maxSeverity: HI|'), undefined);
    assert.equal(at('# a comm|'), undefined);
  });
});
