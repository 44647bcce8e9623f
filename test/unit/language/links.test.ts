import * as assert from 'node:assert/strict';
import { asImageTarget, commandLink, commandUri, LANGUAGE_COMMANDS } from '../../../src/language/links';

describe('language command links', () => {
  const target = { registryId: 'profile:dev|us-east-1|', repository: 'team/web', digest: 'sha256:' + 'a'.repeat(64), tag: 'v1)](javascript:x)' };

  it('encodes the arguments as a JSON array that VS Code decodes back', () => {
    const uri = commandUri(LANGUAGE_COMMANDS.showFindings, target);
    assert.match(uri, /^command:ecr\.showImageFindings\?/);
    const query = uri.slice(uri.indexOf('?') + 1);
    assert.doesNotMatch(query, /[()[\]\s"]/, 'no characters that end a markdown link or need quoting');
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), [target]);
  });

  it('builds a markdown link whose target cannot be broken out of by an argument', () => {
    const link = commandLink('Start scan', LANGUAGE_COMMANDS.scan, target);
    assert.equal(link.indexOf(')'), link.length - 1, 'the only ")" closes the link');
    assert.ok(link.startsWith('[Start scan](command:ecr.scanImage?'));
  });

  it('reads targets back and rejects anything else', () => {
    assert.deepEqual(asImageTarget(JSON.parse(JSON.stringify(target))), target);
    const other = { ...target, registryAccountId: '222222222222' };
    assert.deepEqual(asImageTarget(JSON.parse(JSON.stringify(other))), other, "another account's image keeps its account");
    assert.equal(asImageTarget({ registryId: 'x', repository: 'y' }), undefined);
    assert.equal(asImageTarget('sha256:abc'), undefined);
    assert.equal(asImageTarget(null), undefined);
  });
});
