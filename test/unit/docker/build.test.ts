// Builds against the real Docker Engine with the fixture in test/fixtures/docker/app.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { buildImage, type BuildEvent } from '../../../src/docker/build';
import { builderFromPing, chooseBuilder, type Builder } from '../../../src/docker/buildkit';
import { connect } from '../../../src/docker/connection';
import { BuildError, CancelledError } from '../../../src/docker/errors';
import { fixtureContext, imageFiles, imageIds, removeImages, removeNewUntagged, run, runImage } from './support/fixtures';

describe('docker/build: choosing the builder', () => {
  it('Builder-Version decides when the engine sends it; else BuildKit on Linux with API >= 1.39', () => {
    assert.equal(builderFromPing({ 'builder-version': '2', ostype: 'linux', 'api-version': '1.43' }).builder, 'buildkit');
    assert.equal(builderFromPing({ 'builder-version': '1', ostype: 'linux', 'api-version': '1.43' }).builder, 'classic');
    assert.equal(builderFromPing({ ostype: 'linux', 'api-version': '1.41' }).builder, 'buildkit');
    assert.equal(builderFromPing({ ostype: 'linux', 'api-version': '1.38' }).builder, 'classic');
    assert.equal(builderFromPing({ ostype: 'windows', 'api-version': '1.41' }).builder, 'classic');
    assert.equal(builderFromPing({}).builder, 'classic');
  });
});

for (const builder of ['classic', 'buildkit'] as const satisfies readonly Builder[]) describeBuild(builder);

function describeBuild(builder: Builder): void {
  describe(`docker/build (real engine, ${builder} builder)`, function () {
    this.timeout(120_000);
    const buildkit = builder === 'buildkit';
    let docker: Docker;
    let context: { dir: string; remove(): Promise<void> };
    const images = new Set<string>();
    let imagesBefore: Set<string>;
    const suffix = `${process.pid}-${Date.now()}`;

    before(async function () {
      docker = (await connect()).docker;
      const offered = await chooseBuilder(docker, 'auto');
      if (buildkit && offered.builder !== 'buildkit') {
        console.log(`      (BuildKit tests skipped: ${offered.reason})`);
        this.skip();
      }
      context = await fixtureContext('app');
      imagesBefore = await imageIds(docker);
    });
    after(async () => {
      await removeImages(docker, images);
      await removeNewUntagged(docker, imagesBefore);
      await context.remove();
    });

    it('builds with build args, target, labels and two tags; .dockerignore\'d files are absent', async () => {
      const tags = [`ecr-test-build:${suffix}`, `ecr-test-build:${suffix}-b`];
      tags.forEach((t) => images.add(t));
      const events: BuildEvent[] = [];
      const result = await buildImage(docker, {
        builder,
        contextDir: context.dir,
        tags,
        buildArgs: { GREETING: 'hello from a build arg' },
        target: 'final',
        platform: 'linux/amd64',
        labels: { 'org.example.built-by': 'ecr-explorer-test' },
        onEvent: (e) => events.push(e),
      });
      images.add(result.imageId);
      assert.match(result.imageId, /^sha256:[0-9a-f]{64}$/);

      assert.deepEqual(events[0], { kind: 'log', text: buildkit ? 'Builder: BuildKit (ecr.docker.builder is "buildkit")' : 'Builder: classic (ecr.docker.builder is "classic")' });
      assert.equal(result.builder, builder);
      const steps = events.filter((e) => e.kind === 'step');
      if (buildkit) {
        // BuildKit numbers the steps that run (stage "base": COPY, COPY, RUN); LABEL/CMD only change the config.
        assert.deepEqual(steps.map((s) => `${s.step}/${s.total}`), ['1/3', '2/3', '3/3']);
        assert.deepEqual(steps.map((s) => s.text.split(' ')[0]), ['COPY', 'COPY', 'RUN']);
        assert.ok(!steps.some((e) => e.text.startsWith('[')), 'step texts come without the "[stage n/m]" prefix');
        assert.ok(events.some((e) => e.kind === 'log' && /^writing image sha256:[0-9a-f]{64}$/.test(e.text)));
      } else {
        assert.deepEqual(steps.map((s) => `${s.step}/${s.total}`), ['1/9', '2/9', '3/9', '4/9', '5/9', '6/9', '7/9', '8/9', '9/9']);
        // The 9th step is the LABEL the engine adds for the labels option.
        assert.match(steps[8].text, /^LABEL .*org.example.built-by/);
        assert.ok(events.some((e) => e.kind === 'log' && /^Successfully built [0-9a-f]+$/.test(e.text)));
      }
      assert.ok(!events.some((e) => e.text.includes('AS broken') || e.text.includes('busybox", "false')), 'the stage after the target is not built');

      for (const tag of tags) assert.equal((await docker.getImage(tag).inspect()).Id, result.imageId);
      const inspect = await docker.getImage(result.imageId).inspect();
      assert.equal(inspect.Config.Labels?.['fixture.stage'], 'final');
      assert.equal(inspect.Config.Labels?.['org.example.built-by'], 'ecr-explorer-test');

      const output = await runImage(docker, result.imageId);
      const lines = output.trim().split('\n');
      assert.equal(lines[0], 'hello from a build arg');
      assert.deepEqual(lines.slice(1), ['/app', '/app/hello.txt', '/app/logs', '/app/logs/keep.log']);
    });

    it('a failing step -> BuildError with the step and its last output lines', async () => {
      const events: BuildEvent[] = [];
      await assert.rejects(buildImage(docker, { builder, contextDir: context.dir, dockerfile: 'Dockerfile.fail', onEvent: (e) => events.push(e) }), (e: Error) => {
        assert.ok(e instanceof BuildError, String(e));
        // Classic counts FROM as a step; BuildKit has no vertex for FROM scratch.
        assert.deepEqual(e.step && [e.step.step, e.step.total], buildkit ? [2, 2] : [3, 3]);
        assert.match(e.step?.text ?? '', /^RUN \["\/bin\/busybox", "sh", "-c", "echo preparing/);
        assert.ok(e.lastLines.includes('preparing') && e.lastLines.includes('about to fail'), e.lastLines.join('|'));
        if (buildkit) assert.match(e.message, /^Build of .*ecr-test-app-.* failed at step 2\/2 \(RUN .*\): .*exit code: 3$/);
        else assert.match(e.message, /^Build of .*ecr-test-app-.* failed at step 3\/3 \(RUN .*\): .*returned a non-zero code: 3/);
        return true;
      });
      assert.ok(events.some((e) => e.kind === 'log' && e.text === 'about to fail'), 'output streamed before the failure');
    });

    it('a Dockerfile outside the context builds', async () => {
      const outside = await mkdtemp(join(tmpdir(), 'ecr-test-df-'));
      try {
        await writeFile(join(outside, 'Outside.Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY app/hello.txt /hello.txt\nCMD ["/bin/busybox", "cat", "/hello.txt"]\n');
        const { imageId } = await buildImage(docker, { builder, contextDir: context.dir, dockerfile: join(outside, 'Outside.Dockerfile') });
        images.add(imageId);
        assert.equal(await runImage(docker, imageId), 'visible\n');
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });

    it('leaves out what <Dockerfile>.dockerignore excludes (the image has no .env) and skips a FIFO, saying so', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ecr-test-ignorefile-'));
      try {
        await mkdir(join(dir, 'deploy'));
        await writeFile(join(dir, 'deploy', 'app.Dockerfile'), 'FROM scratch\nCOPY . /ctx/\n');
        await writeFile(join(dir, 'deploy', 'app.Dockerfile.dockerignore'), '.env\n**/*.pem\n');
        await writeFile(join(dir, '.env'), `TOKEN=${suffix}`);
        await writeFile(join(dir, 'server.pem'), 'key');
        await writeFile(join(dir, 'app.txt'), 'app');
        await run('mkfifo', [join(dir, 'pipe')]);
        const events: BuildEvent[] = [];
        const { imageId } = await buildImage(docker, { builder, contextDir: dir, dockerfile: 'deploy/app.Dockerfile', onEvent: (e) => events.push(e) });
        images.add(imageId);
        assert.deepEqual(await imageFiles(docker, imageId, '/ctx/'), ['app.txt', 'deploy/app.Dockerfile', 'deploy/app.Dockerfile.dockerignore']);
        assert.ok(events.some((e) => e.text === 'Skipped pipe: a FIFO (named pipe) cannot be sent in a build context'), JSON.stringify(events));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('masks secret build args in events and errors', async () => {
      const outside = await mkdtemp(join(tmpdir(), 'ecr-test-secret-'));
      const secret = `s3cr3t-${suffix}`;
      try {
        await writeFile(join(outside, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nARG TOKEN\nRUN ["/bin/busybox", "sh", "-c", "echo token=$TOKEN; exit 1"]\n');
        const events: BuildEvent[] = [];
        let caught: unknown;
        await buildImage(docker, { builder, contextDir: context.dir, dockerfile: join(outside, 'Dockerfile'), buildArgs: { TOKEN: secret }, secrets: [secret], onEvent: (e) => events.push(e) }).catch((e: unknown) => (caught = e));
        assert.ok(caught instanceof BuildError);
        assert.ok(events.some((e) => e.text === 'token=***'), 'the line is there, masked');
        const all = JSON.stringify(events) + caught.message + caught.lastLines.join('\n') + caught.detail;
        assert.ok(!all.includes(secret));
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });

    it('a missing Dockerfile -> BuildError naming it', async () => {
      await assert.rejects(buildImage(docker, { builder, contextDir: context.dir, dockerfile: 'Nope.Dockerfile' }), (e: Error) => {
        assert.ok(e instanceof Error && /Nope\.Dockerfile/.test(e.message), e.message);
        return true;
      });
    });

    it('abort during a long step -> CancelledError, promptly', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ecr-test-slow-'));
      try {
        await writeFile(join(dir, 'Dockerfile'), `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo ${suffix}; /bin/busybox sleep ${buildkit ? 5 : 60}"]\n`);
        await (await import('node:fs/promises')).copyFile('/bin/busybox', join(dir, 'busybox'));
        const tag = `ecr-test-cancel:${suffix}`;
        images.add(tag);
        const controller = new AbortController();
        const started = Date.now();
        await assert.rejects(
          buildImage(docker, {
            builder,
            contextDir: dir,
            tags: [tag],
            noCache: true,
            signal: controller.signal,
            onEvent: (e) => {
              if (e.kind === 'log' && e.text === suffix) controller.abort();
            },
          }),
          CancelledError,
        );
        assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
        // The engine stops the step when the client goes away: no container is left running it.
        let left = 1;
        for (let i = 0; i < 50 && left > 0; i++) {
          const all = await docker.listContainers({ all: true });
          left = all.filter((c) => c.Command.includes(suffix)).length;
          if (left > 0) await new Promise((r) => setTimeout(r, 200));
        }
        assert.equal(left, 0, 'the intermediate container was removed');
        if (buildkit) {
          // BuildKit runs steps without engine containers: had the engine gone on, the image would be tagged by now.
          await new Promise((r) => setTimeout(r, Math.max(0, started + 8_000 - Date.now())));
          await assert.rejects(docker.getImage(tag).inspect(), /no such image/i, 'the engine stopped the build');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
