// Figures for the language features (not a mocha test): scanning and resolving a generated
// 1,000-file workspace with 5,000 image references to 50 repositories against the local ECR
// sandbox, through the real EcrApi (client-ecr over HTTP) and the resolver the hovers and
// diagnostics use; then warm hover lookups. Plain Node, no VS Code: the editor's own rendering
// is not included.
import { performance } from 'node:perf_hooks';
import { createEcrApi } from '../../../src/aws/ecrClientApi';
import type { RegistrySource } from '../../../src/aws/discovery';
import { classifyAwsError } from '../../../src/aws/errors';
import { ImageLookups } from '../../../src/aws/imageLookup';
import { RequestCounter } from '../../../src/aws/requestCounter';
import { scannerFor } from '../../../src/core/scanners';
import type { RegistryEntry } from '../../../src/explorer/nodes';
import { classifyReference } from '../../../src/language/classify';
import { ImageResolver, LookupRequest } from '../../../src/language/resolver';
import { startSandbox } from '../../sandbox';

const FILES = 1000;
const REFS_PER_FILE = 5;
const REPOSITORIES = 50;
const TAGS_PER_REPOSITORY = 20;
const HOVERS = 500;

export async function benchLanguage(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: false });
  try {
    for (let r = 0; r < REPOSITORIES; r++) await sandbox.bulkSeed({ repositoryName: `bench/repo-${r}`, count: TAGS_PER_REPOSITORY, tagPrefix: 't' });
    const account = sandbox.accounts[0];
    const source: RegistrySource = { id: 'bench', label: 'bench', region: account.region, endpoint: sandbox.endpoint, origin: 'setting' };
    const counter = new RequestCounter();
    const api = createEcrApi(source, { counter, credentials: async () => ({ accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }) });
    const entry: RegistryEntry = { source, api, info: await api.registryInfo() };
    const host = entry.info?.host ?? '';
    const resolver = new ImageResolver({ registries: async () => [entry], classify: classifyAwsError, lookups: new ImageLookups({ ttlMs: () => 300_000 }) });

    // Deterministic workspace: file f, line l names repo (f*5+l) % 50 and tag (f+l) % 20; every 10th tag is missing.
    const files = Array.from({ length: FILES }, (_, f) =>
      Array.from({ length: REFS_PER_FILE }, (_, l) => `FROM ${host}/bench/repo-${(f * REFS_PER_FILE + l) % REPOSITORIES}:t${((f + l) % (TAGS_PER_REPOSITORY + 2))} AS s${l}`).join('\n') + '\n',
    );
    const before = counter.count();
    const started = performance.now();
    let references = 0;
    const scanStarted = performance.now();
    const perFile = files.map((text) => {
      const refs = scannerFor('Dockerfile', 'dockerfile', text)?.scan(text) ?? [];
      references += refs.length;
      return refs.map((r) => classifyReference(r, (h) => resolver.knowsHost(h))).filter((c): c is LookupRequest => c.kind === 'lookup');
    });
    const scanMs = performance.now() - scanStarted;
    const outcomes = (await Promise.all(perFile.map((requests) => resolver.lookup(requests)))).flat();
    const totalMs = performance.now() - started;
    const found = outcomes.filter((o) => o.kind === 'found').length;
    const calls = counter.count() - before;

    const hoverTimes: number[] = [];
    const hovered = (i: number) => perFile[(i * 37) % FILES][i % REFS_PER_FILE];
    const findingsBefore = counter.count('DescribeImageScanFindings');
    // Warm: one hover per image first (its findings call is the cold part), then the timed round.
    for (let i = 0; i < HOVERS; i++) {
      const [outcome] = await resolver.lookup([hovered(i)]);
      if (outcome.kind === 'found') await resolver.findings(outcome.target);
    }
    const coldFindings = counter.count('DescribeImageScanFindings') - findingsBefore;
    for (let i = 0; i < HOVERS; i++) {
      const request = hovered(i);
      const t = performance.now();
      const [outcome] = await resolver.lookup([request]);
      if (outcome.kind === 'found') await resolver.findings(outcome.target);
      hoverTimes.push(performance.now() - t);
    }
    hoverTimes.sort((a, b) => a - b);
    const p95 = hoverTimes[Math.floor(hoverTimes.length * 0.95)];
    api.dispose();
    return [
      `language: ${FILES} Dockerfiles, ${references} references to ${REPOSITORIES} repositories (${found} found, ${outcomes.length - found} missing tags) scanned + resolved against the sandbox in ${totalMs.toFixed(0)} ms (scanning alone ${scanMs.toFixed(0)} ms); ${calls} API calls (${counter.count('DescribeImages')} DescribeImages, ${counter.count('GetAuthorizationToken') + counter.count('DescribeRegistry')} for registry info) — resolver in plain Node through the real client-ecr, one process, cache cold`,
      `language: warm hover lookup (image + scan findings, both from the lookup layer's cache; the editor's rendering not included) p95 ${p95.toFixed(3)} ms, median ${hoverTimes[Math.floor(hoverTimes.length / 2)].toFixed(3)} ms over ${HOVERS} hovers; ${coldFindings} DescribeImageScanFindings calls while warming, ${counter.count('DescribeImageScanFindings') - findingsBefore - coldFindings} during the timed round`,
    ];
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  void benchLanguage().then((lines) => lines.forEach((l) => console.log(l)), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
