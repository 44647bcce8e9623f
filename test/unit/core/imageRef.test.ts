import * as assert from 'node:assert/strict';
import { checkTag, formatImageRef, formatImageUri, parseImageRef, RegistryHostMap, resolveRegistry, shortDigest, withDigest } from '../../../src/core/imageRef';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function reasonOf(text: string): string {
  const result = parseImageRef(text);
  assert.equal(result.ok, false, `${text} should be invalid`);
  return result.ok ? '' : result.reason;
}

describe('parseImageRef', () => {
  it('splits host, path, tag and digest', () => {
    assert.deepEqual(parseImageRef(`${ECR}/team/app:1.2.3@${DIGEST}`), { ok: true, ref: { host: ECR, path: 'team/app', tag: '1.2.3', digest: DIGEST } });
    assert.deepEqual(parseImageRef('nginx'), { ok: true, ref: { host: undefined, path: 'nginx', tag: undefined, digest: undefined } });
    assert.deepEqual(parseImageRef('localhost:5000/a/b:c'), { ok: true, ref: { host: 'localhost:5000', path: 'a/b', tag: 'c', digest: undefined } });
    assert.deepEqual(parseImageRef('127.0.0.1:41234/repo'), { ok: true, ref: { host: '127.0.0.1:41234', path: 'repo', tag: undefined, digest: undefined } });
    assert.deepEqual(parseImageRef('[::1]:5000/repo:t'), { ok: true, ref: { host: '[::1]:5000', path: 'repo', tag: 't', digest: undefined } });
    assert.deepEqual(parseImageRef('localhost/repo'), { ok: true, ref: { host: 'localhost', path: 'repo', tag: undefined, digest: undefined } });
  });

  it('treats the first component as a path unless it looks like a host (docker rule)', () => {
    const library = parseImageRef('library/nginx:1');
    assert.ok(library.ok && library.ref.host === undefined && library.ref.path === 'library/nginx');
    const upper = parseImageRef('MyRegistry/app');
    assert.ok(upper.ok && upper.ref.host === 'MyRegistry');
  });

  it('accepts docker separators: ".", "_", "__" and runs of "-"', () => {
    for (const name of ['a.b/c_d/e__f/g-h/i--j', 'a0/b1']) assert.ok(parseImageRef(name).ok, name);
  });

  it('explains why a reference is malformed', () => {
    assert.equal(reasonOf('team/App:1'), 'uppercase letters are not allowed in a repository name');
    assert.equal(reasonOf('example.com/Team/app'), 'uppercase letters are not allowed in a repository name');
    assert.equal(reasonOf(''), 'the image reference is empty');
    assert.equal(reasonOf('nginx:'), 'the tag after ":" is empty');
    assert.match(reasonOf('nginx:-bad'), /not a valid tag/);
    assert.match(reasonOf(`nginx:${'a'.repeat(129)}`), /up to 128/);
    assert.equal(reasonOf('nginx@sha256:abc'), '"sha256:abc" is not a valid digest (expected algorithm:hex, e.g. sha256:<64 hex digits>)');
    assert.equal(reasonOf(`nginx@sha256:${'A'.repeat(64)}`), 'a sha256 digest needs exactly 64 lowercase hex digits');
    assert.equal(reasonOf('nginx@'), 'the digest after "@" is empty');
    assert.equal(reasonOf('a//b'), 'a repository name cannot have an empty path component ("//" or a leading or trailing "/")');
    assert.equal(reasonOf('a/b/'), 'a repository name cannot have an empty path component ("//" or a leading or trailing "/")');
    assert.equal(reasonOf('ex ample'), 'an image reference cannot contain whitespace');
    assert.equal(reasonOf('a/b$c'), '"$" is not allowed in a repository name');
    assert.match(reasonOf('a/-b'), /separators/);
    assert.match(reasonOf('a/b.'), /separators/);
    assert.match(reasonOf('example.com:port/app'), /not a valid port/);
    assert.match(reasonOf('exa_mple.com/app'), /not a valid registry host/);
    assert.match(reasonOf(`${'a'.repeat(256)}`), /at most 255/);
    assert.equal(reasonOf(':tag'), 'the repository name is missing');
  });

  it('never throws on odd input', () => {
    for (const text of ['@', ':', '/', '//:@', '\u0000', '😀', 'a:b:c', 'a@b@c', '[', '[::1/x']) assert.doesNotThrow(() => parseImageRef(text), text);
  });
});

describe('formatting', () => {
  it('formats a URI from parts', () => {
    assert.equal(formatImageUri(ECR, 'team/app', { tag: '1', digest: DIGEST }), `${ECR}/team/app:1@${DIGEST}`);
    assert.equal(formatImageUri(ECR, 'team/app'), `${ECR}/team/app`);
    assert.equal(formatImageUri(undefined, 'nginx', { tag: 'latest' }), 'nginx:latest');
  });

  it('round-trips parse and format', () => {
    for (const text of [`${ECR}/a:1@${DIGEST}`, 'nginx', 'localhost:5000/x/y:z']) {
      const parsed = parseImageRef(text);
      assert.ok(parsed.ok);
      assert.equal(formatImageRef(parsed.ref), text);
    }
  });

  it('pins a digest keeping the tag, replacing an older digest', () => {
    assert.deepEqual(withDigest(`${ECR}/app:1.2`, DIGEST), { ok: true, text: `${ECR}/app:1.2@${DIGEST}` });
    const other = `sha256:${'f'.repeat(64)}`;
    assert.deepEqual(withDigest(`${ECR}/app:1.2@${DIGEST}`, other), { ok: true, text: `${ECR}/app:1.2@${other}` });
    assert.equal(withDigest('Bad/Name', DIGEST).ok, false);
    assert.equal(withDigest('nginx', 'sha256:nothex').ok, false);
  });
});

describe('resolveRegistry', () => {
  it('matches ECR hosts, then hosts learnt at run time, else none', () => {
    const learnt = new RegistryHostMap<string>();
    learnt.register('http://127.0.0.1:41234/', 'sandbox');
    const ecr = resolveRegistry(`${ECR}/app:1`, learnt);
    assert.equal(ecr.kind, 'ecr');
    assert.deepEqual(ecr.kind === 'ecr' && ecr.ecr, { accountId: '123456789012', region: 'us-east-1', fips: false, dualStack: false, partition: 'aws' });
    assert.deepEqual(resolveRegistry('127.0.0.1:41234/team/app:1', learnt), { kind: 'learnt', host: '127.0.0.1:41234', key: 'sandbox' });
    assert.deepEqual(resolveRegistry('127.0.0.1:9999/team/app:1', learnt), { kind: 'none' });
    assert.deepEqual(resolveRegistry('nginx:1', learnt), { kind: 'none' });
    assert.deepEqual(resolveRegistry('Not A Ref', learnt), { kind: 'none' });
  });

  it('lets a learnt host override ECR recognition (e.g. a LocalStack alias of an ECR host name)', () => {
    const learnt = new RegistryHostMap<number>();
    learnt.register(ECR.toUpperCase(), 7);
    assert.deepEqual(resolveRegistry(`${ECR}/app`, learnt), { kind: 'learnt', host: ECR, key: 7 });
    assert.equal(learnt.unregister(ECR), true);
    assert.equal(resolveRegistry(`${ECR}/app`, learnt).kind, 'ecr');
  });
});

describe('shortDigest', () => {
  it('shortens digests like docker: algorithm and 12 hex digits', () => {
    assert.equal(shortDigest(DIGEST), 'sha256:0123456789ab');
    assert.equal(shortDigest(undefined), '');
  });
});

describe('checkTag', () => {
  const RULE = 'up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"';
  const table: [string, string | undefined][] = [
    ['latest', undefined],
    ['v1.2.3-rc_1', undefined],
    ['_private', undefined],
    ['UPPER', undefined],
    ['a'.repeat(128), undefined],
    ['a'.repeat(129), `"${'a'.repeat(129)}" is not a valid tag: ${RULE}`],
    ['.hidden', `".hidden" is not a valid tag: ${RULE}`],
    ['-dash', `"-dash" is not a valid tag: ${RULE}`],
    ['a/b', `"a/b" is not a valid tag: ${RULE}`],
    ['a:b', `"a:b" is not a valid tag: ${RULE}`],
    ['été', `"été" is not a valid tag: ${RULE}`],
    ['with space', `"with space" is not a valid tag: ${RULE}`],
    ['', 'the tag is empty'],
  ];
  for (const [tag, expected] of table) {
    it(`${expected ? 'refuses' : 'accepts'} ${JSON.stringify(tag.length > 20 ? `${tag.slice(0, 8)}…(${tag.length})` : tag)}`, () => {
      assert.equal(checkTag(tag), expected);
    });
  }

  it('is the rule image references are parsed with', () => {
    assert.equal(reasonOf('nginx:.hidden'), checkTag('.hidden'));
  });
});
