// The ignore cases through the real docker CLI: it builds each context FROM scratch with
// `COPY . /ctx/`, and the image's files must be the ones the case (and our packer) expect.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { IGNORE_CASES } from './dockerignoreCases';
import { caseContext, packedFiles } from './support/ignoreContext';
import { run } from './support/fixtures';

/** Files under /ctx in the image the docker CLI builds from contextDir. */
async function filesDockerSends(contextDir: string, tag: string): Promise<string[]> {
  await run('docker', ['build', '-q', '-t', tag, contextDir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  const { stdout: id } = await run('docker', ['create', tag, 'none']);
  try {
    const { stdout } = await run('sh', ['-c', `docker export ${id.trim()} | tar -t`], { maxBuffer: 16 << 20 });
    return stdout.split('\n').filter((f) => f.startsWith('ctx/') && !f.endsWith('/')).map((f) => f.slice(4))
      .filter((f) => f !== 'Dockerfile' && f !== '.dockerignore').sort();
  } finally {
    await run('docker', ['rm', '-f', id.trim()]);
  }
}

describe('docker/dockerignore: the same as the docker CLI (real engine)', function () {
  this.timeout(120_000);
  for (const [index, c] of IGNORE_CASES.entries()) {
    it(`the CLI sends what we send: ${c.title}`, async () => {
      const root = await caseContext(c);
      const tag = `ecr-test-ignore:${process.pid}-${index}`;
      try {
        const docker = await filesDockerSends(root, tag);
        assert.deepEqual(docker, [...c.sent].sort());
        assert.deepEqual(await packedFiles(root), docker);
      } finally {
        await rm(root, { recursive: true, force: true });
        await run('docker', ['rmi', '-f', tag]).catch(() => undefined);
      }
    });
  }
});
