// The quick block YAML reader against the full `yaml` parse: every YAML scanner must report the same
// references (ranges, text, resolved/unresolved/ignored) either way, on every fixture and on a seeded
// corpus of mutated documents; and the quick reader must really model the usual files.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ImageReference } from '../../../src/core/scanners';
import { parseBlockYaml } from '../../../src/core/scanners/blockYaml';
import { NeedsFullParse } from '../../../src/core/scanners/quickNodes';
import { parseYaml, TreeNode } from '../../../src/core/scanners/tree';
import { scanCloudFormation } from '../../../src/core/scanners/cloudFormation';
import { scanCompose } from '../../../src/core/scanners/compose';
import { scanEcsTaskDefinition } from '../../../src/core/scanners/ecsTaskDefinition';
import { scanHelmValues } from '../../../src/core/scanners/helmValues';
import { scanKubernetes } from '../../../src/core/scanners/kubernetes';
import { scanPerDocument } from '../../../src/core/scanners/perDocument';
import { DocumentReader, readFully, readQuickly } from '../../../src/core/scanners/readDocuments';
import { flowDocuments } from './flowYamlFuzz';
import { pathologicalInputs } from './pathologicalInputs';
import { fuzzDocuments, prng } from './scannerFuzz';
import { fixture, fixturesDir } from './scannerSupport';

type Scan = (text: string, read: DocumentReader) => ImageReference[];

const SCANS: Record<string, Scan> = {
  compose: scanCompose,
  kubernetes: scanKubernetes,
  helmValues: scanHelmValues,
  cloudFormation: scanCloudFormation,
  ecsTaskDefinition: scanEcsTaskDefinition,
};

/** Mutated fixtures, half with blow-ups; the bench's corpus with another seed. */
const FUZZ_DOCUMENTS = 100;
const LINE_EDITED = 1000;
const FLOW_DOCUMENTS = 3000;

const VALUES = ['&a x', '*a', '*a # c', '!Sub x:1', '!Ref', '&a', '|', '>-', '[a, b]', '{image: x:1}', '{}', '[]', '"e\\x41:1"', "'it''s:1'", '~', '1.20', '0x1F', 'true', '', 'x # c', '"a" # c', '- x', 'a: b', '&a !Sub y:2'];
const LINES = ['<<: *a', '<<: [*a, *b]', '---', '# ecr-ignore', 'image: &b r/x:1', '  - image: z:3', '- name: c'];

/** Line edits that keep documents mostly readable by the quick reader: indentation, values, merge keys, anchors. */
function* lineEdited(seed: number, count: number): Generator<{ text: string; round: number }> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const sources = ['compose.yaml', 'k8s.yaml', 'values.yaml', 'cfn.yaml'].map(fixture);
  for (let round = 0; round < count; round++) {
    const lines = pick(sources).split('\n');
    for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
      const at = Math.floor(random() * lines.length);
      const line = lines[at];
      const indent = /^ */.exec(line)?.[0] ?? '';
      const choice = random();
      if (choice < 0.1) lines.splice(at, 1);
      else if (choice < 0.2) lines.splice(at, 0, line);
      else if (choice < 0.35) lines[at] = random() < 0.5 ? ' '.repeat(1 + Math.floor(random() * 2)) + line : line.slice(1 + Math.floor(random() * 2));
      else if (choice < 0.7) lines[at] = line.replace(/: .*$|:$/, `: ${pick(VALUES)}`);
      else if (choice < 0.9) lines.splice(at, 0, indent + pick(LINES));
      else lines[at] = `${indent}- ${line.trimStart()}`;
    }
    yield { text: lines.join('\n'), round };
  }
}

/** Everything a scanner can read of a node, collections' own ranges aside (the quick reader leaves those to `yaml`). */
function dump(node: TreeNode | undefined): unknown {
  if (!node) return undefined;
  const entries = node.entries().map((entry) => [entry.key, entry.keyStart, dump(entry.value)]);
  return { kind: node.kind, scalar: node.scalar(), entries, items: node.items().map(dump) };
}

/** The quick reader's view of `text`, or undefined where it gives up (at read time or when read). */
function quickDump(text: string): unknown {
  try {
    return parseBlockYaml(text)?.roots.map(dump);
  } catch (error) {
    if (error instanceof NeedsFullParse) return undefined;
    throw error;
  }
}

function bothWays(kind: string, scan: Scan): { quick: (text: string) => ImageReference[]; full: (text: string) => ImageReference[] } {
  // Kubernetes scans multi-document files one document at a time, as its scanner does.
  if (kind === 'kubernetes') return { quick: scanPerDocument((text) => scan(text, readQuickly)), full: scanPerDocument((text) => scan(text, readFully)) };
  return { quick: (text) => scan(text, readQuickly), full: (text) => scan(text, readFully) };
}

describe('quick YAML reader', () => {
  it('models the YAML fixtures without falling back to the full parser', () => {
    for (const name of ['k8s.yaml', 'values.yaml', 'cfn.yaml']) assert.ok(parseBlockYaml(fixture(name)), name);
  });

  it(`reads ${FLOW_DOCUMENTS} flow-heavy documents as the full parse does, or gives up`, () => {
    let modelled = 0;
    for (const { text, round } of flowDocuments(23, FLOW_DOCUMENTS)) {
      const quick = quickDump(text);
      if (quick === undefined) continue;
      modelled++;
      assert.deepEqual(quick, parseYaml(text).roots.map(dump), `round ${round}: ${JSON.stringify(text)}`);
    }
    // Most generated documents are valid YAML the reader models; a reader that always gave up would pass above.
    assert.ok(modelled > FLOW_DOCUMENTS / 4, `modelled ${modelled}`);
  });

  it('reads the pathological YAML inputs itself, as the full parse does', () => {
    for (const input of pathologicalInputs.filter((each) => each.kind !== 'dockerfile')) {
      const text = input.text();
      const quick = quickDump(text);
      assert.ok(quick !== undefined, input.name);
      assert.deepEqual(quick, parseYaml(text).roots.map(dump), input.name);
    }
  });

  it('reads flows on one line and over several, with anchors, aliases, tags, comments and trailing commas', () => {
    const text = [
      'base: &img r/x:1',
      'list: [a, "b", \'c\', {k: v, k2: [1, ~, *img]}, ]',
      'map: !T {image: *img, env: &env [{name: A, value: "1"}], empty: {}, none: []} # note',
      'multi: {a: 1,',
      '  b: [x, # comment',
      '    y],',
      '  c: *env}',
      'after: z',
    ].join('\n');
    const quick = quickDump(text);
    assert.ok(quick !== undefined);
    assert.deepEqual(quick, parseYaml(text).roots.map(dump));
  });

  for (const [kind, scan] of Object.entries(SCANS)) {
    it(`${kind}: same references as the full parse on every fixture`, () => {
      const { quick, full } = bothWays(kind, scan);
      for (const name of readdirSync(fixturesDir)) {
        const text = fixture(name);
        assert.deepEqual(quick(text), full(text), name);
        const crlf = text.replace(/\n/g, '\r\n');
        assert.deepEqual(quick(crlf), full(crlf), `${name} with CRLF`);
      }
    });

    it(`${kind}: same references as the full parse on ${FUZZ_DOCUMENTS} mutated documents`, () => {
      const { quick, full } = bothWays(kind, scan);
      for (const { text, round } of fuzzDocuments(7_000_001, FUZZ_DOCUMENTS, 10_000)) {
        assert.deepEqual(quick(text), full(text), `round ${round}: ${JSON.stringify(text.slice(0, 2000))}`);
      }
    });

    it(`${kind}: same references as the full parse on ${FLOW_DOCUMENTS} flow-heavy documents`, () => {
      const { quick, full } = bothWays(kind, scan);
      for (const { text, round } of flowDocuments(29, FLOW_DOCUMENTS)) {
        assert.deepEqual(quick(text), full(text), `round ${round}: ${JSON.stringify(text)}`);
      }
    });

    it(`${kind}: same references as the full parse on ${LINE_EDITED} line-edited documents`, () => {
      const { quick, full } = bothWays(kind, scan);
      for (const { text, round } of lineEdited(11, LINE_EDITED)) {
        assert.deepEqual(quick(text), full(text), `round ${round}: ${JSON.stringify(text)}`);
      }
    });
  }
});
