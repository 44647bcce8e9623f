// The ECS scanner reads JSON in one pass over the text (jsonPaths.ts) instead of building the whole
// jsonc-parser tree. Where that pass reads a document, it must find exactly the images (value, raw
// text, offsets) the tree walk finds; where it gives up, the scanner reads the tree as before.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ecsTaskDefinitionScanner } from '../../../src/core/scanners';
import { containerImages, containerImagesInJson } from '../../../src/core/scanners/ecsTaskDefinition';
import { isImageScalar } from '../../../src/core/scanners/reference';
import { JSON_COMMENT_PREFIXES, parseJson, ScalarValue } from '../../../src/core/scanners/tree';
import { pathologicalInputs } from './pathologicalInputs';
import { fuzzDocuments, mutate, prng } from './scannerFuzz';
import { assertRangesMatch, fixture, fixturesDir, summary } from './scannerSupport';

/** The images the tree walk finds, as the scanner turns them into references. */
function fromTree(text: string): ScalarValue[] {
  return containerImages(parseJson(text).roots).filter(isImageScalar);
}

/** Asserts the pass finds what the tree does; false where the pass gives up (the scanner then reads the tree). */
function sameAsTree(text: string, context: string): boolean {
  const images = containerImagesInJson(text);
  if (images === undefined) return false;
  assert.deepEqual(images.filter(isImageScalar), fromTree(text), context);
  return true;
}

/** Random JSONC shaped like task definitions: duplicate keys, escapes, comments, trailing commas, images at other depths and of other types. */
function* generatedDocuments(seed: number, count: number): Generator<string> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const KEYS = ['"image"', '"image"', '"containerDefinitions"', '"containerDefinitions"', '"taskDefinition"', '"name"', '"im\\u0061ge"', '"constructor"', '"__proto__"', '"Image"', '"a\\"b"'];
  const STRINGS = ['"r/x:1"', '" r/x:2 "', '"r\\/x:3"', '"r\\u002Fx:4"', '"\\"q\\":5"', '""', '"   "', '"ünï😀/x:6"', '"\\ud83d:7"', '"a\\\\b"', '"tab\\there"'];
  const LITERALS = ['1', '-0.5e+3', '0', 'true', 'false', 'null', '12.25E2'];
  const TRIVIA = ['', '', ' ', '\n', '\r\n', '\t', ' // ecr-ignore\n', '/* c */', '// c\r', '\n  // ecr-ignore\n  '];
  const gap = (): string => pick(TRIVIA);
  const value = (depth: number): string => {
    const choice = random();
    if (depth > 5 || choice < 0.3) return pick(STRINGS);
    if (choice < 0.4) return pick(LITERALS);
    const size = Math.floor(random() * 4);
    const parts: string[] = [];
    if (choice < 0.75) {
      for (let i = 0; i < size; i++) parts.push(`${gap()}${pick(KEYS)}${gap()}:${gap()}${value(depth + 1)}${gap()}`);
      return `{${parts.join(',')}${size > 0 && random() < 0.2 ? ',' : ''}${gap()}}`;
    }
    for (let i = 0; i < size; i++) parts.push(`${gap()}${value(depth + 1)}${gap()}`);
    return `[${parts.join(',')}${size > 0 && random() < 0.2 ? ',' : ''}${gap()}]`;
  };
  const container = (): string => `{${gap()}"name": "c",${gap()}"image":${gap()}${random() < 0.7 ? pick(STRINGS) : value(3)}${random() < 0.3 ? `, "image": ${pick(STRINGS)}` : ''}${random() < 0.3 ? `, "x": ${value(3)}` : ''}}`;
  const containers = (): string => `[${Array.from({ length: 1 + Math.floor(random() * 3) }, container).join(`,${gap()}`)}${random() < 0.2 ? ',' : ''}]`;
  for (let round = 0; round < count; round++) {
    const shape = random();
    if (shape < 0.25) yield `${gap()}${containers()}${gap()}`;
    else if (shape < 0.5) yield `{"family": "f", "containerDefinitions": ${containers()}${random() < 0.3 ? `, "image": "top:1"` : ''}}${gap()}`;
    else if (shape < 0.75) yield `{${random() < 0.3 ? `"containerDefinitions": ${containers()},` : ''}${gap()}"taskDefinition": ${random() < 0.8 ? `{"containerDefinitions": ${containers()}}` : value(1)}}`;
    else yield value(0);
  }
}

describe('ECS task definition JSON pass', () => {
  it('reads every JSON fixture (LF and CRLF) itself and finds what the tree finds', () => {
    assert.deepEqual(parseJson('{}').commentPrefixes, JSON_COMMENT_PREFIXES);
    for (const name of readdirSync(fixturesDir).filter((file) => file.endsWith('.json'))) {
      const text = fixture(name);
      assert.ok(sameAsTree(text, name), name);
      assert.ok(sameAsTree(text.replace(/\n/g, '\r\n'), `${name} CRLF`), `${name} CRLF`);
    }
    assert.equal(containerImagesInJson(fixture('taskdef.json'))?.length, 3);
  });

  it('finds what the tree finds on 4000 generated task definitions with comments, escapes, duplicate keys and trailing commas', () => {
    let read = 0;
    let images = 0;
    let round = 0;
    for (const text of generatedDocuments(7, 4000)) {
      // All of them are plain JSONC, which the pass must read itself.
      assert.ok(sameAsTree(text, `generated ${round++}: ${JSON.stringify(text)}`), `gave up on ${JSON.stringify(text)}`);
      read++;
      images += fromTree(text).length;
    }
    assert.equal(read, 4000);
    assert.ok(images > 2000, `images found: ${images}`);
  });

  it('finds what the tree finds, or gives up, on 6000 mangled documents and the pathological inputs', function () {
    this.timeout(60_000);
    const random = prng(99);
    const sources = [fixture('taskdef.json'), fixture('cfn.json'), ...generatedDocuments(8, 50)];
    let read = 0;
    let gaveUp = 0;
    const texts: [string, string][] = [];
    for (let round = 0; round < 4000; round++) texts.push([`mutated ${round}`, mutate(sources[Math.floor(random() * sources.length)], random)]);
    for (const { text, round } of fuzzDocuments(20240606, 2000, 20_000)) texts.push([`fuzz ${round}`, text]);
    for (const input of pathologicalInputs) texts.push([input.name, input.text()]);
    for (const [context, text] of texts) {
      if (sameAsTree(text, `${context}: ${JSON.stringify(text.slice(0, 2000))}`)) read++;
      else gaveUp++;
    }
    // Some mutations keep documents valid: a pass that always gave up would pass the loop above.
    assert.ok(read > 150, `read ${read}, gave up on ${gaveUp}`);
    assert.ok(gaveUp > 1000, `read ${read}, gave up on ${gaveUp}`);
  });

  it('reports escaped values resolved, ranges inside the quotes without blanks, and // ecr-ignore', () => {
    const text = [
      '{ // describe-task-definition',
      '  "taskDefinition": {',
      '    "containerDefinitions": [',
      '      {"image": "r\\/a:1"},',
      '      {"image": "\\u0041/b:2", "image": "ignored/duplicate:1"},',
      '      // ecr-ignore',
      '      {"image": "  c:3 "},',
      '      {"im\\u0061ge": "d\\"q:4"},',
      '      /* a block',
      '         comment */ {"name": "x", "dependsOn": [{"image": "nested:5"}], "image": 5},',
      '      {"image": {"image": "deeper:6"}}, "not-a-container:7",',
      '    ],',
      '  },',
      '  "containerDefinitions": [{"image": "beside-taskDefinition:8"}],',
      '}',
    ].join('\n');
    assert.ok(sameAsTree(text, 'tricky'));
    const references = ecsTaskDefinitionScanner.scan(text);
    assertRangesMatch(text, references);
    assert.deepEqual(references.map(summary), [
      [[3, 17, 3, 23], 'r\\/a:1', { resolved: 'r/a:1' }],
      [[4, 17, 4, 27], '\\u0041/b:2', { resolved: 'A/b:2' }],
      [[6, 19, 6, 22], 'c:3', { resolved: '  c:3 ' }, 'ignored'],
      [[7, 22, 7, 28], 'd\\"q:4', { resolved: 'd"q:4' }],
    ]);
  });

  it('follows the tree where taskDefinition is not an object, keys are duplicated or named like Object members', () => {
    const cases: [string, string[]][] = [
      ['{"taskDefinition": "x", "containerDefinitions": [{"image": "a:1"}]}', []],
      ['{"containerDefinitions": [{"image": "a:1"}], "taskDefinition": null}', []],
      ['{"containerDefinitions": [{"image": "a:1"}], "containerDefinitions": [{"image": "b:1"}]}', ['a:1']],
      ['{"taskDefinition": {"containerDefinitions": [{"image": "a:1"}]}, "taskDefinition": {"containerDefinitions": [{"image": "b:1"}]}}', ['a:1']],
      ['{"containerDefinitions": {"image": "a:1"}}', []],
      ['[{"image": "a:1"}, [{"image": "b:1"}], {"constructor": "c:1", "__proto__": "d:1", "image": "e:1"}]', ['a:1', 'e:1']],
      ['{"image": "top:1"}', []],
      ['"a:1"', []],
    ];
    for (const [text, expected] of cases) {
      assert.ok(sameAsTree(text, text), text);
      assert.deepEqual(ecsTaskDefinitionScanner.scan(text).map((reference) => reference.text), expected, text);
    }
  });

  it('gives up on what jsonc-parser reads with an error, and on deep nesting, where the tree still answers', () => {
    const deep = `{"containerDefinitions": [{"image": "a:1"}], "x": ${'['.repeat(300)}${']'.repeat(300)}}`;
    const cases: [string, string[]][] = [
      ['{"containerDefinitions": [{"image": "a:1"}, {"image": "b:2", ', ['a:1', 'b:2']],
      ['{"containerDefinitions": [{"image": "a:1"}]} trailing', ['a:1']],
      ['{"containerDefinitions": [{"image": "a:1"} {"image": "b:1"}]}', ['a:1', 'b:1']],
      ['{"containerDefinitions": [{"image": "a\tb:1"}]}', ['a\tb:1']],
      ['{"containerDefinitions": [{"image": "a:1", "x": 01}]}', ['a:1']],
      ['{"containerDefinitions": [{"image": "a:1", "x": \u00a0}]}', ['a:1']],
      ['{"containerDefinitions": [{"image": "a\\x:1"}]} /* open', ['a\\x:1']],
      ['\u00a0{"containerDefinitions": [{"image": "a:1"}]}', ['a:1']],
      ['{"containerDefinitions": [,{"image": "a:1"}]}', ['a:1']],
      ['{"containerDefinitions": [{"image": "a:1"},, {"image": "b:1"}]}', ['a:1', 'b:1']],
      ['{"containerDefinitions": [{"name": "a",, "image": "a:1"}]}', ['a:1']],
      [deep, ['a:1']],
    ];
    for (const [text, expected] of cases) {
      assert.equal(containerImagesInJson(text), undefined, text);
      assert.deepEqual(fromTree(text).map((image) => image.raw), expected, `tree: ${text}`);
      const references = ecsTaskDefinitionScanner.scan(text);
      assertRangesMatch(text, references, text);
      assert.deepEqual(references.map((reference) => reference.text), expected, `scanner: ${text}`);
    }
  });
});
