// `npm run bench`: prints figures, each with how it was measured. Benchmarks report; they do
// not pass or fail.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../launch/codeServer';
import { runInVsCode } from '../launch/offline';
import { benchDescribeImages } from '../sandbox/bench';
import { benchAws } from '../unit/aws/bench';
import { pathologicalReport, scannerFuzzReport } from '../unit/core/scannerFuzz';
import { kubernetesRescan, scannerThroughput } from '../unit/core/scannerThroughput';
import { benchDocker } from '../unit/docker/bench';
import { benchCopy } from './copy';
import { benchLanguage } from '../unit/language/bench';
import { benchExplorer } from './explorer';
import { benchHover } from './hover';
import { benchMemory } from './memory';
import { benchViewLatency } from './viewLatency';
import { benchStorageReport } from './storage';

const LAUNCHES = 5;

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function activation(): Promise<string> {
  const times: number[] = [];
  let version = '';
  for (let i = 0; i < LAUNCHES; i++) {
    const probe = await runInVsCode<{ activationMs: number; vscode: string }>({
      workspace: join(repoRoot, 'test', 'fixtures', 'workspace'),
      testsPath: join(repoRoot, 'out', 'test', 'bench', 'activationProbe.js'),
      timeoutMs: 120_000,
      log: () => undefined,
    });
    times.push(probe.activationMs);
    version = probe.vscode;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return `activate(): median ${median.toFixed(2)} ms over ${LAUNCHES} launches (target < 20 ms) - performance.now() around activate()'s body in the real VS Code ${version} extension host, production bundle; all: ${times.map((t) => t.toFixed(2)).join(', ')} ms`;
}

function bundleSizes(): string[] {
  const dist = join(repoRoot, 'dist');
  const main = statSync(join(dist, 'extension.js')).size;
  const total = filesUnder(dist).filter((f) => !f.endsWith('.map')).reduce((n, f) => n + statSync(f).size, 0);
  return [
    `main bundle: ${kb(main)} (target < 150 KB) - size of dist/extension.js from the production build (npm run build:production)`,
    `total bundles: ${kb(total)} - dist/ without source maps: main + the lazily loaded aws.js, discovery.js, docker.js, scanners.js, policy.js and commands.js (the command bodies), and the gate CLI (cli.js)`,
  ];
}

function vsixSize(): string {
  const out = join(repoRoot, 'dist-vsix', 'ecr-explorer.vsix');
  // The same command as `npm run package`, on the production build made by `npm run bench`.
  const run = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) return `VSIX: not measured, npm run package failed: ${run.stderr || run.stdout}`;
  return `VSIX: ${kb(statSync(out).size)} (target < 2 MB) - size of the file written by vsce package (npm run package)`;
}

async function main(): Promise<void> {
  // Each part prints as soon as it is measured; a part that fails says so and the rest go on.
  const parts: [string, () => Promise<string[]> | string[]][] = [
    ['bundles', () => [...bundleSizes(), vsixSize()]],
    ['activation', async () => [await activation()]],
    ['sandbox', benchDescribeImages],
    ['explorer', benchExplorer],
    ['ECR view in the workbench', benchViewLatency],
    ['storage report', () => benchStorageReport()],
    ['aws', benchAws],
    ['language', benchLanguage],
    ['hover (workbench)', benchHover],
    ['extension host memory', benchMemory],
    ['scanners', () => [...scannerThroughput(), kubernetesRescan()]],
    ['scanner pathological inputs', pathologicalReport],
    ['scanner fuzz', scannerFuzzReport],
    ['docker', benchDocker],
    ['copy', benchCopy],
  ];
  console.log('\n=== benchmarks');
  for (const [name, measure] of parts) {
    try {
      for (const line of await measure()) console.log(`- ${line}`);
    } catch (error) {
      console.log(`- ${name}: not measured: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
