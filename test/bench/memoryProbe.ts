// Runs inside the VS Code extension host for the benchmark: measures this process's memory
// (process.memoryUsage()) after activation, after the ECR view lists a bulk-seeded 20,000-image
// repository to its last page, and after ecr.checkWorkspace read the 1,000-file workspace the
// bench opened. Writes the figures to $ECR_TEST_RESULTS.
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../integration/helpers';
import { connected, EAST, find, rows } from '../integration/explorer/tree';
import { requestCounts, resetRequestCounts } from '../integration/sandbox';
import { MEMORY_REPOSITORY, type MemoryPoint, type MemoryResult } from './memoryFigures';

const SAMPLES = 4;
const SAMPLE_GAP_MS = 1000;

/** A way to force a full collection: the host's own global.gc, else V8's flag set now, else none. */
function findGc(): { gc?: () => void; how: MemoryResult['gc'] } {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return { gc: own, how: 'global.gc' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as () => void, how: 'v8 flag --expose-gc set at run time' };
  } catch {
    // no way to force one: the samples' minimum stands in
  }
  return { how: 'none' };
}

/** The minimum heapUsed and rss of a few samples a second apart, each after a forced collection when possible. */
async function measure(gc: (() => void) | undefined): Promise<MemoryPoint> {
  const samples: [number, number][] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_GAP_MS));
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    samples.push([heapUsed, rss]);
  }
  return { heapUsed: Math.min(...samples.map((s) => s[0])), rss: Math.min(...samples.map((s) => s[1])), samples };
}

/** The workspace's diagnostics by severity (Error, Warning, Information, Hint). */
function severities(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) counts[vscode.DiagnosticSeverity[d.severity]] = (counts[vscode.DiagnosticSeverity[d.severity]] ?? 0) + 1;
  }
  return counts;
}

export async function run(): Promise<void> {
  const { gc, how } = findGc();
  let result: MemoryResult = { vscode: vscode.version, node: process.version, gc: how };
  try {
    const api = await activateExtension();
    result = { ...result, baseline: await measure(gc) };

    // The ECR view: the registry row expanded, then the repository's, until its listing has every page.
    const started = performance.now();
    await resetRequestCounts();
    await connected();
    const registry = await find(EAST);
    await api.testing.explorerView.reveal(registry.node, { expand: true });
    const repository = await find(EAST, MEMORY_REPOSITORY);
    if (repository.node.kind !== 'repository') throw new Error(`${MEMORY_REPOSITORY} is a ${repository.node.kind} row`);
    await api.testing.explorerView.reveal(repository.node, { expand: true });
    await eventually(async () => (await rows(repository.node))[0]?.node.kind !== 'progress', 'the last page of images', 120_000);
    const listing = await api.testing.explorer.model.images(repository.node.parent.registry, MEMORY_REPOSITORY);
    if (listing.problem) throw new Error(`listing ${MEMORY_REPOSITORY}: ${listing.problem.message}`);
    const explorerMs = performance.now() - started;
    const explorerCalls = await requestCounts();
    result = { ...result, explorer: { ...(await measure(gc)), images: listing.items.length, ms: explorerMs, calls: explorerCalls } };

    // Every file of the workspace checked: images looked up, problems reported.
    await resetRequestCounts();
    const checkStarted = performance.now();
    const checked = await vscode.commands.executeCommand<{ files: number; problems: number }>('ecr.checkWorkspace');
    const checkMs = performance.now() - checkStarted;
    const checkCalls = await requestCounts();
    result = { ...result, workspace: { ...(await measure(gc)), files: checked.files, problems: checked.problems, severities: severities(), ms: checkMs, calls: checkCalls } };
  } catch (e) {
    result = { ...result, error: e instanceof Error ? e.message : String(e) };
  }
  writeFileSync(process.env.ECR_TEST_RESULTS ?? '', JSON.stringify(result));
}
