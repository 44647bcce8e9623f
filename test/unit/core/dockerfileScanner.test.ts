import * as assert from 'node:assert/strict';
import { dockerfileScanner } from '../../../src/core/scanners';
import { assertRangesMatch, fixture, summary } from './scannerSupport';

const scan = (text: string): unknown[] => dockerfileScanner.scan(text).map(summary);

describe('dockerfile scanner', () => {
  it('finds FROM, COPY --from and RUN --mount from= images with exact ranges, ARGs substituted', () => {
    const text = fixture('Dockerfile');
    const references = dockerfileScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[5, 31, 5, 59], '${REGISTRY}/base/golang:1.22', { resolved: '123456789012.dkr.ecr.us-east-1.amazonaws.com/base/golang:1.22' }],
      [[8, 27, 8, 69], 'public.ecr.aws/docker/library/busybox:1.36'],
      [[15, 5, 15, 29], 'alpine:${BASE_TAG:-3.18}', { resolved: 'alpine:3.19' }, 'ignored'],
      [[16, 12, 16, 22], 'nginx:1.25'],
      [[23, 12, 23, 49], 'example.com/tools/helper:${UNSET_TAG}', { unresolved: 'uses variable ${UNSET_TAG} with no default' }],
      [[26, 2, 26, 22], '$REGISTRY/app:latest', { resolved: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' }],
    ]);
    assert.ok(references.every((r) => r.kind === 'dockerfile'));
  });

  it('does not take stage names, stage indexes, scratch or heredoc bodies for images', () => {
    const texts = dockerfileScanner.scan(fixture('Dockerfile')).map((r) => r.text);
    for (const notImage of ['build', 'final', 'Final', '0', 'scratch', 'not-an-image:inside-heredoc']) assert.ok(!texts.includes(notImage), notImage);
  });

  it('substitutes only global ARGs in FROM, and stage ARGs after FROM', () => {
    const text = ['ARG A=one', 'FROM img:$A', 'ARG B=two', 'ARG A', 'COPY --from=tool:${B}-${A} / /', 'FROM img:${B}'].join('\n');
    assert.deepEqual(scan(text), [
      [[1, 5, 1, 11], 'img:$A', { resolved: 'img:one' }],
      [[4, 12, 4, 26], 'tool:${B}-${A}', { resolved: 'tool:two-one' }],
      [[5, 5, 5, 13], 'img:${B}', { unresolved: 'uses variable ${B} with no default' }],
    ]);
  });

  it('knows the forms ${X:-default}, ${X-default}, ${X:+alt} and escaped \\$', () => {
    const text = ['ARG EMPTY=', 'ARG SET=x', 'FROM a:${EMPTY:-d1}', 'FROM b:${EMPTY-d2}', 'FROM c:${SET:+alt}', 'FROM d:\\$LITERAL'].join('\n');
    const resolved = dockerfileScanner.scan(text).map((r) => r.resolved ?? r.unresolved);
    assert.deepEqual(resolved, ['a:d1', 'b:', 'c:alt', 'd:$LITERAL']);
  });

  it('follows a token across a line continuation and reports the source text under the range', () => {
    const text = 'FROM --platform=linux/amd64 \\\n  registry.example.com/team/app:1 \\\n  AS base\n';
    const [reference] = dockerfileScanner.scan(text);
    assert.deepEqual(summary(reference), [[1, 2, 1, 33], 'registry.example.com/team/app:1']);
  });

  it('honours the escape parser directive', () => {
    const text = '# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\\nFROM x:1\n';
    assert.deepEqual(scan(text), [
      [[2, 2, 2, 47], 'mcr.microsoft.com/windows/servercore:ltsc2022'],
      [[4, 5, 4, 8], 'x:1'],
    ]);
  });

  it('treats a trailing backslash as a continuation by default, so the next line is not an instruction', () => {
    assert.deepEqual(dockerfileScanner.scan('RUN echo \\\nFROM not-an-instruction\nFROM real:1').map((r) => r.text), ['real:1']);
  });

  it('reads images of ONBUILD-free lowercase instructions, tabs and CRLF alike', () => {
    const text = 'from\talpine:3.20\tas\tbase\r\ncopy --from=base / /\r\ncopy --from=busybox:1 / /\r\n';
    assert.deepEqual(scan(text), [
      [[0, 5, 0, 16], 'alpine:3.20'],
      [[2, 12, 2, 21], 'busybox:1'],
    ]);
  });

  it('marks a reference ignored only when the line right before is an ecr-ignore comment', () => {
    const text = '# ecr-ignore\nFROM a:1\n\n# ecr-ignore\n\nFROM b:1\n#ecr-ignore because vendored\nFROM c:1\n';
    assert.deepEqual(
      dockerfileScanner.scan(text).map((r) => [r.text, r.ignored === true]),
      [['a:1', true], ['b:1', false], ['c:1', true]],
    );
  });

  it('treats a name built from an undeclared BuildKit ARG as a stage when it can only name one', () => {
    const text = 'FROM golang:1.22 AS binaries-linux\nFROM binaries-$TARGETOS AS pick\nCOPY --from=binaries-${TARGETOS} /a /b\nFROM other-$TARGETOS\n';
    assert.deepEqual(dockerfileScanner.scan(text).map(summary), [
      [[0, 5, 0, 16], 'golang:1.22'],
      [[3, 5, 3, 20], 'other-$TARGETOS', { unresolved: 'uses variable ${TARGETOS} with no default' }],
    ]);
  });
});
