// BuildKit status decoding on a trace recorded from the real engine: the Dockerfile next to the
// fixture (test/fixtures/docker/recorded/buildkit-parallel-failure.*) builds two stages in parallel;
// "tests" fails while "assets" is still running and is then cancelled by BuildKit.
import assert from 'node:assert/strict';
import { BuildKitOutputParser, decodeStatus, type VertexStatus } from '../../../src/docker/buildkit';
import type { BuildEvent } from '../../../src/docker/build';
import { recorded } from './support/fixtures';

const TRACE = recorded('buildkit-parallel-failure.jsonl');
const FAILING_STEP = `RUN ["/bin/busybox", "sh", "-c", "echo running tests; echo 'FAIL: checkout total is 41, expected 42' >&2; exit 3"]`;

function vertexes(): VertexStatus[] {
  return TRACE.filter((m) => m.id === 'moby.buildkit.trace' && typeof m.aux === 'string').flatMap((m) => decodeStatus(m.aux as unknown as string).vertexes);
}

describe('BuildKit trace (recorded: a step fails in one of two parallel stages)', () => {
  it('decodes the failing vertex: its name and its error', () => {
    const failed = vertexes().filter((v) => v.error);
    assert.equal(failed[0].name, `[tests 1/1] ${FAILING_STEP}`);
    assert.equal(failed[0].error, "executor failed running [/bin/busybox sh -c echo running tests; echo 'FAIL: checkout total is 41, expected 42' >&2; exit 3]: exit code: 3");
    assert.ok(failed[0].started && failed[0].completed);
    // The parallel stage is cancelled after the failure, and says so.
    assert.match(failed[1].name, /^\[assets 1\/1\] RUN /);
    assert.match(failed[1].error, /context canceled/);
  });

  it('blames the failing step, not the cancelled one, and keeps its output', () => {
    const events: BuildEvent[] = [];
    const parser = new BuildKitOutputParser((e) => events.push(e));
    let failure = '';
    for (const message of TRACE) {
      if (message.error) failure = message.error;
      else parser.push(message);
    }
    const error = parser.toError('Build of shop', failure, []);
    assert.equal(error.message, `Build of shop failed at step 2/5 (${FAILING_STEP}): ${failure}`);
    assert.deepEqual(parser.lastLines, ['running tests', 'FAIL: checkout total is 41, expected 42']);
    assert.ok(events.some((e) => e.kind === 'log' && e.text === 'building assets'), 'the parallel stage output is shown too');
  });
});
