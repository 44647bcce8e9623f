// Seeded fuzz of mutated scanner fixtures, shared by the robustness test (never throws, exact ranges)
// and the bench (slowest document per scanner kind). The mutations include the shapes that once
// made scanning superlinear: repeated merge keys and aliases, flow maps left open, `# escape=`
// lines, runs of `${`, long continuation lines and doubling ARGs.
import { cpus, loadavg } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { allScanners, Scanner } from '../../../src/core/scanners';
import { pathologicalInputs } from './pathologicalInputs';
import { fixture } from './scannerSupport';

export const FIXTURES: Record<string, string> = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  kubernetes: 'k8s.yaml',
  ecsTaskDefinition: 'taskdef.json',
  cloudFormation: 'cfn.yaml',
  helmValues: 'values.yaml',
};

/** Deterministic PRNG (mulberry32) so a failure reproduces from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['"', "'", '[', ']', '{', '}', ':', '-', '#', '\\', '\r', '\n', '\r\n', '\t', ' ', '$', '${', '}', '*', '&', '!', '|', '>', '@', ',', '😀', '\u0000', '---\n', 'FROM ', 'image: ', '"image": '];

/** Small edits: cuts, copies, truncation, random characters and syntax noise. */
export function mutate(text: string, random: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (result.length + 1));
    const choice = random();
    if (choice < 0.25) result = result.slice(0, at) + result.slice(at + Math.floor(random() * 40));
    else if (choice < 0.4) {
      const from = Math.floor(random() * result.length);
      result = result.slice(0, at) + result.slice(from, from + Math.floor(random() * 80)) + result.slice(at);
    } else if (choice < 0.5) result = result.slice(0, at);
    else if (choice < 0.6) result = result.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + result.slice(at);
    else result = result.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + result.slice(at);
  }
  return result;
}

// Pieces that, repeated hundreds of times, hit the worst cases of anchors, aliases and substitution.
const BLOWUPS: readonly ((i: number) => string)[] = [
  (i) => (i === 0 ? 'defaults: &a\n  image: {repository: x/y, tag: "1"}\n' : `s${i}:\n  <<: *a\n  image: *a\n`),
  (i) => `k${i}: &a${i} {image: x${i}:1, n: *a${i > 0 ? i - 1 : 0}\n`,
  (i) => `{image: [*a, &a v${i}, `,
  (i) => (i % 3 === 0 ? '# escape=`\n' : `image${i}: r/x:${i} \`\n`),
  () => '${',
  () => '${!x}${',
  (i) => (i === 0 ? 'ARG A0=ab\n' : `ARG A${i}=\${A${i - 1}}\${A${i - 1}}\n`),
  () => 'COPY --from=x \\\n  --from=y \\\n',
  () => 'RUN <<a <<b \\\n',
  (i) => `- &x${i % 7} *x${(i + 3) % 7}\n`,
];

/** A bigger, nastier mutation: one blow-up piece repeated at one place, then small edits. */
export function mutateHard(text: string, random: () => number, maxLength: number): string {
  const piece = BLOWUPS[Math.floor(random() * BLOWUPS.length)];
  const at = Math.floor(random() * (text.length + 1));
  const budget = Math.floor(random() * (maxLength - text.length));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < budget; i++) {
    const part = piece(i);
    if (length + part.length > budget) break;
    parts.push(part);
    length += part.length;
  }
  return mutate(text.slice(0, at) + parts.join('') + text.slice(at), random);
}

export interface FuzzDocument {
  readonly text: string;
  readonly round: number;
}

/** `count` documents under `maxLength` characters from the fixtures, half of them with blow-ups. */
export function* fuzzDocuments(seed: number, count: number, maxLength = 100_000): Generator<FuzzDocument> {
  const random = prng(seed);
  const sources = [...Object.values(FIXTURES), 'cfn.json'].map(fixture);
  for (let round = 0; round < count; round++) {
    const source = sources[Math.floor(random() * sources.length)];
    const text = random() < 0.5 ? mutate(source, random) : mutateHard(source, random, maxLength);
    yield { text: text.slice(0, maxLength), round };
  }
}

interface KindFigures {
  slowestMs: number;
  slowestRound: number;
  slowestLength: number;
  slowestText: string;
  totalMs: number;
  totalBytes: number;
}

// 20,000 documents (the target) take about an hour on the 2-core machine; the bench runs fewer by
// default and says how many. ECR_BENCH_FUZZ_DOCS=20000 runs them all.
const DEFAULT_DOCUMENTS = 2000;

function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function machineLoad(): string {
  return `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
}

/** Bench lines: per scanner kind, the slowest fuzzed document and MB/s over all of them. */
export function scannerFuzzReport(count = Number(process.env.ECR_BENCH_FUZZ_DOCS ?? DEFAULT_DOCUMENTS), seed = 20240606): string[] {
  const figures = new Map<Scanner, KindFigures>(allScanners.map((scanner) => [scanner, { slowestMs: 0, slowestRound: -1, slowestLength: 0, slowestText: '', totalMs: 0, totalBytes: 0 }]));
  let documents = 0;
  let biggest = 0;
  for (const { text, round } of fuzzDocuments(seed, count)) {
    documents++;
    biggest = Math.max(biggest, text.length);
    const bytes = Buffer.byteLength(text);
    for (const scanner of allScanners) {
      const started = process.hrtime.bigint();
      scanner.scan(text);
      const ms = elapsedMs(started);
      const kind = figures.get(scanner) as KindFigures;
      kind.totalMs += ms;
      kind.totalBytes += bytes;
      if (ms > kind.slowestMs) Object.assign(kind, { slowestMs: ms, slowestRound: round, slowestLength: text.length, slowestText: text });
    }
  }
  const how = `${documents} seeded fuzz documents (seed ${seed}, up to ${(biggest / 1024).toFixed(0)} KB, half with repeated aliases/merge keys/open flow maps/# escape=/\${/ARG doubling), each through every scanner, process.hrtime around scan(), ${machineLoad()}`;
  return allScanners.map((scanner) => {
    const kind = figures.get(scanner) as KindFigures;
    const rate = kind.totalBytes / 1e6 / (kind.totalMs / 1000);
    return `scanner fuzz ${scanner.kind}: slowest ${kind.slowestMs.toFixed(1)} ms (target < 50 ms; round ${kind.slowestRound}, ${(kind.slowestLength / 1024).toFixed(1)} KB)${slowestAgain(scanner, kind.slowestText)}, ${rate.toFixed(2)} MB/s overall - ${how}`;
  });
}

/**
 * The slowest document timed again (best of 3: one slow run can be a pause of the machine), and what
 * limits a YAML scanner there: text the quick reader does not model (broken flows, quotes) goes to
 * the full `yaml` parse, timed alone.
 */
function slowestAgain(scanner: Scanner, text: string): string {
  if (text === '') return '';
  const scan = bestOf3(() => scanner.scan(text));
  if (scanner.kind === 'dockerfile') return `; that document again, best of 3: ${scan.toFixed(1)} ms`;
  const yaml = bestOf3(() => parseAllDocuments(text, { strict: false, uniqueKeys: false, prettyErrors: false }));
  return `; that document again, best of 3: ${scan.toFixed(1)} ms, of which yaml's own parse alone takes ${yaml.toFixed(1)} ms (what limits it: broken text falls back to that parse; documents of 32 KB or more are scanned on a worker thread, so the editor does not wait)`;
}

function bestOf3(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, elapsedMs(started));
  }
  return best;
}

/** Bench lines: each input that once made a scanner superlinear, timed through its scanner. */
export function pathologicalReport(): string[] {
  return pathologicalInputs.map((input) => {
    const scanner = allScanners.find((candidate) => candidate.kind === input.kind) as Scanner;
    const text = input.text();
    const started = process.hrtime.bigint();
    const found = scanner.scan(text).length;
    const ms = elapsedMs(started);
    return `scanner pathological ${input.name}: ${ms.toFixed(1)} ms for ${(text.length / 1024).toFixed(0)} KB, ${found} references, ${(text.length / 1e6 / (ms / 1000)).toFixed(2)} MB/s - one scan(), process.hrtime, ${machineLoad()}`;
  });
}

if (require.main === module) for (const line of [...pathologicalReport(), ...scannerFuzzReport()]) console.log(line);
