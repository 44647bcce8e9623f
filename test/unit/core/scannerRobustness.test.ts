// CRLF, tabs, unicode, broken documents, a 5 MB document and a seeded fuzz over every scanner.
import * as assert from 'node:assert/strict';
import { allScanners, composeScanner, ImageReference, kubernetesScanner, Scanner } from '../../../src/core/scanners';
import { FIXTURES, fuzzDocuments, mutate, prng } from './scannerFuzz';
import { assertRangesMatch, fixture, span, summary } from './scannerSupport';

function scanChecked(scanner: Scanner, text: string, context: string): ImageReference[] {
  const references = scanner.scan(text);
  assertRangesMatch(text, references, context);
  return references;
}

describe('scanner robustness', () => {
  for (const scanner of allScanners) {
    it(`${scanner.kind}: CRLF line ends give the same lines and characters as LF`, () => {
      const lf = fixture(FIXTURES[scanner.kind]);
      const crlf = lf.replace(/\n/g, '\r\n');
      const fromLf = scanChecked(scanner, lf, 'lf');
      const fromCrlf = scanChecked(scanner, crlf, 'crlf');
      assert.ok(fromLf.length > 0);
      assert.deepEqual(fromCrlf.map(span), fromLf.map(span));
      assert.deepEqual(fromCrlf.map((r) => r.text), fromLf.map((r) => r.text));
    });
  }

  it('counts characters in UTF-16 code units before the image on the same line', () => {
    const text = 'services:\n  wëb😀: {image: "ünï/x:1"}\n';
    assert.deepEqual(scanChecked(composeScanner, text, 'unicode').map(summary), [[[1, 18, 1, 25], 'ünï/x:1']]);
    const docker = allScanners[0].scan('FROM ☃ \nFROM 😀😀:1\n');
    assertRangesMatch('FROM ☃ \nFROM 😀😀:1\n', docker);
    assert.deepEqual(docker.map(span), [[0, 5, 0, 6], [1, 5, 1, 11]]);
  });

  it('keeps exact ranges with tabs inside values and YAML flow collections', () => {
    const text = 'services:\n  a: {image:\t"x/y:1"\t}\n  b:\n    image: x/z:2\t# trailing comment\n';
    assert.deepEqual(scanChecked(composeScanner, text, 'tabs').map(summary), [[[1, 14, 1, 19], 'x/y:1'], [[3, 11, 3, 16], 'x/z:2']]);
  });

  it('reads what it can from broken YAML and JSON without throwing', () => {
    const brokenYaml = 'services:\n  web:\n    image: nginx:1\n  bad: [unclosed\n  db:\n    image: "postgres:16\n';
    assert.ok(scanChecked(composeScanner, brokenYaml, 'broken yaml').some((r) => r.text === 'nginx:1'));
    const tabIndented = 'kind: Pod\napiVersion: v1\nspec:\n\tcontainers:\n\t- image: x\n';
    scanChecked(kubernetesScanner, tabIndented, 'tab indented');
    const brokenJson = '{"containerDefinitions": [{"image": "a:1"}, {"image": "b:2", ';
    assert.deepEqual(scanChecked(allScanners[3], brokenJson, 'broken json').map((r) => r.text), ['a:1', 'b:2']);
    for (const scanner of allScanners) for (const text of ['', '\n', '\r', '---', '{', '[', '"', '\u0000', '*alias', '&a [*a, *a]']) scanChecked(scanner, text, `${scanner.kind} ${JSON.stringify(text)}`);
  });

  it('does not expand YAML alias bombs', () => {
    const lines = ['a: &a ["x", "x"]'];
    for (let i = 1; i < 30; i++) lines.push(`${String.fromCharCode(97 + (i % 26))}${i}: &a${i} [*a${i === 1 ? '' : i - 1}, *a${i === 1 ? '' : i - 1}]`);
    lines.push('services:', '  s:', '    image: *a29');
    const started = Date.now();
    for (const scanner of allScanners) scanChecked(scanner, lines.join('\n'), `${scanner.kind} alias bomb`);
    assert.ok(Date.now() - started < 2000);
  });

  it('scans a 5 MB compose file with thousands of services', function () {
    this.timeout(60_000); // a guard against hangs; speed is the bench's (npm run bench)
    const services: string[] = ['services:'];
    let i = 0;
    while (services.join('\n').length < 5_000_000 - 200) {
      for (let batch = 0; batch < 1000; batch++, i++) services.push(`  svc${i}:`, `    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/service-${i}:1.${i}`, '    restart: always', '    environment: {A: "1", B: "2"}');
    }
    const text = services.join('\n');
    const references = composeScanner.scan(text);
    assert.equal(references.length, i);
    const last = references[references.length - 1];
    assert.equal(last.text, `123456789012.dkr.ecr.us-east-1.amazonaws.com/team/service-${i - 1}:1.${i - 1}`);
    assert.deepEqual(span(last), [4 * (i - 1) + 2, 11, 4 * (i - 1) + 2, 11 + last.text.length]);
  });

  describe('fuzz', () => {
    it('never throws and every range covers exactly its text, over 2000 mangled documents through each scanner', function () {
      this.timeout(30_000);
      const random = prng(20240606);
      const sources = [...Object.values(FIXTURES), 'cfn.json'].map(fixture);
      let scanned = 0;
      let found = 0;
      for (let round = 0; round < 2000; round++) {
        const source = sources[Math.floor(random() * sources.length)];
        const text = mutate(source, random);
        for (const scanner of allScanners) {
          let references: ImageReference[];
          try {
            references = scanner.scan(text);
          } catch (error) {
            assert.fail(`${scanner.kind} threw on round ${round}: ${String(error)}\n${JSON.stringify(text)}`);
          }
          assertRangesMatch(text, references, `${scanner.kind} round ${round}`);
          for (const reference of references) assert.ok(reference.text.length > 0, `${scanner.kind} round ${round}: empty reference`);
          scanned++;
          found += references.length;
        }
      }
      assert.equal(scanned, 2000 * allScanners.length);
      assert.ok(found > 1000, `mutations should keep many references readable, found ${found}`);
    });

    it('never throws and keeps exact ranges on 20 documents with repeated aliases, merge keys, open flow maps, ${ runs and doubling ARGs', function () {
      this.timeout(60_000);
      let references = 0;
      for (const { text, round } of fuzzDocuments(15, 20, 10_000)) {
        for (const scanner of allScanners) {
          let found: ImageReference[];
          try {
            found = scanner.scan(text);
          } catch (error) {
            assert.fail(`${scanner.kind} threw on round ${round}: ${String(error)}`);
          }
          assertRangesMatch(text, found, `${scanner.kind} round ${round}`);
          references += found.length;
        }
      }
      assert.ok(references > 100, `blow-ups should keep references readable, found ${references}`);
    });
  });
});
