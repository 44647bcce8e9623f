// Docker's .dockerignore semantics, as our context packer applies them (pure, no engine).
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { DockerignoreSyntaxError, isIgnored, parseDockerignore } from '../../../src/docker/dockerignore';
import { IGNORE_CASES } from './dockerignoreCases';
import { caseContext, packedFiles } from './support/ignoreContext';

describe('docker/dockerignore: Docker\'s rules', () => {
  for (const c of IGNORE_CASES) {
    it(`packs what Docker sends: ${c.title}`, async function () {
      // The backtracking cases took minutes per path with a RegExp matcher.
      this.timeout(5_000);
      const root = await caseContext(c);
      try {
        assert.deepEqual(await packedFiles(root), [...c.sent].sort());
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  }

  it('matches pathological patterns against long paths in linear time', function () {
    this.timeout(2_000);
    const patterns = parseDockerignore(`${'**/'.repeat(40)}x\n${'a*'.repeat(40)}b\n`);
    const started = Date.now();
    assert.equal(isIgnored(patterns, `${'a/'.repeat(200)}y`), false);
    assert.equal(isIgnored(patterns, `${'a/'.repeat(200)}x`), true);
    assert.equal(isIgnored(patterns, 'a'.repeat(5000)), false);
    assert.equal(isIgnored(patterns, `${'a'.repeat(5000)}b`), true);
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
  });

  it('walks into ignored folders when an exception has a wildcard, as BuildKit does', async () => {
    const root = await caseContext({ title: '', dockerignore: 'src\n!**/*.go\n', files: ['src/a/b.go', 'src/a/b.txt', 'c.go'], sent: [] });
    try {
      assert.deepEqual(await packedFiles(root), ['c.go', 'src/a/b.go']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses the lines Docker refuses, naming the file and line', () => {
    assert.throws(() => parseDockerignore('ok\n!\n'), (e: Error) => e instanceof DockerignoreSyntaxError && /\.dockerignore line 2: illegal exclusion pattern "!"/.test(e.message));
    assert.throws(() => parseDockerignore('[a-'), /line 1: syntax error in pattern "\[a-"/);
    assert.throws(() => parseDockerignore('x\\', 'app.Dockerfile.dockerignore'), /app\.Dockerfile\.dockerignore line 1: syntax error/);
    assert.throws(() => parseDockerignore('[]a]'), DockerignoreSyntaxError);
  });
});
