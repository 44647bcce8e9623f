import * as assert from 'node:assert/strict';
import { withTag } from '../../../src/core/imageRef';
import { newerTag, parseVersionTag, type TaggedImage } from '../../../src/core/versionTag';

const image = (tag: string, day = 1): TaggedImage => ({ tag, digest: `sha256:${tag}`, pushedAt: new Date(Date.UTC(2026, 0, day)) });

describe('core/versionTag (newer image available)', () => {
  it('reads v1.2.3, 1.2, 1.2.3.4 and 1.2.3-alpine as versions; not a lone number, a name or a digest-like tag', () => {
    assert.deepEqual(parseVersionTag('v1.2.3'), { prefix: 'v', numbers: [1, 2, 3], suffix: '' });
    assert.deepEqual(parseVersionTag('1.2'), { prefix: '', numbers: [1, 2], suffix: '' });
    assert.deepEqual(parseVersionTag('1.2.3.4'), { prefix: '', numbers: [1, 2, 3, 4], suffix: '' });
    assert.deepEqual(parseVersionTag('1.2.3-alpine3.19'), { prefix: '', numbers: [1, 2, 3], suffix: 'alpine3.19' });
    assert.deepEqual(parseVersionTag('2024.01.05'), { prefix: '', numbers: [2024, 1, 5], suffix: '' });
    for (const tag of ['42', 'v1', 'latest', 'main-1.2', '1.2.3.4.5', '1.2.', '1..2', '1.2.3-', '1.2.3+build', 'a1b2c3d', '1.2.3_alpine', '1234567890.1']) {
      assert.equal(parseVersionTag(tag), undefined, tag);
    }
  });

  it('names the newest version of the same family: same prefix, number of parts and suffix; numbers compare as numbers', () => {
    const tags = ['v1.0.0', 'v1.2.0', 'v1.10.0', '1.20.0', 'v2.0', 'v3.0.0-alpine', 'v2.0.0-rc.1', 'latest'].map((t) => image(t));
    assert.equal(newerTag('v1.0.0', 'sha256:v1.0.0', tags)?.tag, 'v1.10.0', '10 > 2; no prefix, other part counts and suffixes left out');
    assert.equal(newerTag('v1.10.0', 'sha256:v1.10.0', tags), undefined, 'the newest has nothing newer');
    assert.equal(newerTag('v2.9.0', 'sha256:x', tags), undefined, 'only older ones');
    assert.equal(newerTag('v1.0.0-alpine', 'sha256:x', tags)?.tag, 'v3.0.0-alpine');
    assert.equal(newerTag('v1.0', 'sha256:x', tags)?.tag, 'v2.0');
    assert.equal(newerTag('1.0.0', 'sha256:x', tags)?.tag, '1.20.0');
    assert.equal(newerTag('latest', 'sha256:latest', tags), undefined, 'not a version');
  });

  it('says nothing when the newest version is the image the reference already names; of equal versions takes the last pushed', () => {
    assert.equal(newerTag('1.0', 'sha256:same', [{ tag: '1.1', digest: 'sha256:same' }]), undefined);
    const newest = newerTag('1.0', 'sha256:x', [image('1.01', 3), image('1.1', 5), image('1.001', 4)]);
    assert.deepEqual(newest, image('1.1', 5));
  });

  it('withTag replaces the tag and keeps the rest as written; refuses a digest reference and an invalid tag', () => {
    assert.deepEqual(withTag('127.0.0.1:5000/team/web:v1.0.0', 'v1.2.0'), { ok: true, text: '127.0.0.1:5000/team/web:v1.2.0' });
    assert.deepEqual(withTag('1111.dkr.ecr.us-east-1.amazonaws.com/web:1.0', '1.1'), { ok: true, text: '1111.dkr.ecr.us-east-1.amazonaws.com/web:1.1' });
    assert.equal(withTag('host/web:1.0@sha256:' + 'a'.repeat(64), '1.1').ok, false);
    assert.equal(withTag('host/web', '1.1').ok, false);
    assert.equal(withTag('host/web:1.0', '-bad').ok, false);
  });
});
