// Benchmark: the extension host's memory (issue 15) in the real VS Code extension host, against
// the integration suite's sandbox: after activation, after the ECR view listed a 20,000-image
// repository to its last page, and after ecr.checkWorkspace over a workspace of 1,000 files.
// The probe (memoryProbe.ts) measures inside the host; this side prepares the data and prints.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../launch/codeServer';
import { integrationSetup } from '../launch/integrationSetup';
import { runInVsCode } from '../launch/offline';
import { MEMORY_FILES, MEMORY_IMAGES, MEMORY_REPOSITORY, type MemoryPoint, type MemoryResult } from './memoryFigures';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const plusMb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

/**
 * Writes `count` files into `dir`, a third each Dockerfiles, compose files and Kubernetes
 * Deployments, each naming a few images of the sandbox registry at `host`: seeded ones, a tag
 * of the bulk-seeded repository of its own, and a missing tag (a problem to report). Returns the
 * number of ECR image references written.
 */
export function writeWorkspace(dir: string, host: string, count: number): number {
  const seeded = ['web:latest', 'web:v1.2.0', 'web:v1.1.0', 'immutable-api:v2', 'team-a/web.app_1:main'];
  let references = 0;
  for (let i = 0; i < count; i++) {
    const images = [
      `${host}/${seeded[i % seeded.length]}`,
      `${host}/${MEMORY_REPOSITORY}:build-${(i * 17) % MEMORY_IMAGES}`,
      `${host}/web:missing-${i % 10}`,
    ];
    references += images.length;
    const folder = join(dir, 'services', `svc-${String(i).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    const kind = i % 3;
    if (kind === 0) {
      writeFileSync(join(folder, 'Dockerfile'), `${images.map((image, n) => `FROM ${image} AS stage${n}`).join('\n')}\nFROM debian:12\nCOPY --from=stage0 /etc /etc\n`);
    } else if (kind === 1) {
      writeFileSync(join(folder, 'compose.yaml'), `services:\n${images.map((image, n) => `  s${n}:\n    image: ${image}\n`).join('')}  cache:\n    image: redis:7\n`);
    } else {
      const containers = images.map((image, n) => `        - name: c${n}\n          image: ${image}\n`).join('');
      writeFileSync(
        join(folder, 'deployment.yaml'),
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\nspec:\n  template:\n    spec:\n      containers:\n${containers}        - name: sidecar\n          image: busybox:1.36\n`,
      );
    }
  }
  return references;
}

const point = (p: MemoryPoint) => `heap ${mb(p.heapUsed)} / rss ${mb(p.rss)}`;
const delta = (p: MemoryPoint, from: MemoryPoint) => `heap ${plusMb(p.heapUsed - from.heapUsed)} / rss ${plusMb(p.rss - from.rss)}`;

export async function benchMemory(): Promise<string[]> {
  const started = performance.now();
  const setup = await integrationSetup();
  const workspace = mkdtempSync(join(tmpdir(), 'ecr-memory-'));
  let result: MemoryResult;
  let references: number;
  let disposeMs: number;
  try {
    const sandbox = setup.sandbox;
    if (!sandbox) throw new Error('the integration setup started no sandbox');
    references = writeWorkspace(workspace, sandbox.registries[0].host, MEMORY_FILES);
    const seeded = await fetch(`${sandbox.endpoint}/__sandbox/bulk-seed`, {
      method: 'POST',
      body: JSON.stringify({ repositoryName: MEMORY_REPOSITORY, count: MEMORY_IMAGES }),
      headers: { 'content-type': 'application/json' },
    });
    if (!seeded.ok) throw new Error(`sandbox bulk-seed: ${seeded.status} ${await seeded.text()}`);
    result = await runInVsCode<MemoryResult>({
      workspace,
      env: setup.env,
      settings: setup.settings,
      testsPath: join(repoRoot, 'out', 'test', 'bench', 'memoryProbe.js'),
      timeoutMs: 5 * 60_000,
      log: () => undefined,
    });
  } finally {
    const disposing = performance.now();
    await setup.dispose();
    rmSync(workspace, { recursive: true, force: true });
    disposeMs = performance.now() - disposing;
  }
  const { baseline, explorer, workspace: checked } = result;
  if (result.error || !baseline || !explorer || !checked) throw new Error(result.error ?? 'the probe reported no figures');
  const gc = {
    'global.gc': 'a forced GC (global.gc) before each sample',
    'v8 flag --expose-gc set at run time': "a forced GC before each sample (the host exposes no global.gc: V8's --expose-gc set at run time with v8.setFlagsFromString)",
    none: 'without a forced GC (the host exposes no global.gc and V8 refused --expose-gc at run time)',
  }[result.gc];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `extension host memory: baseline ${point(baseline)}; ` +
      `after a ${MEMORY_IMAGES.toLocaleString('en-US')}-image repository expanded in the ECR view (all pages loaded: ${explorer.images} images, ${seconds(explorer.ms)}, calls ${JSON.stringify(explorer.calls)}) ${delta(explorer, baseline)}; ` +
      `after ecr.checkWorkspace over ${checked.files.toLocaleString('en-US')} files (${references.toLocaleString('en-US')} ECR references, ${checked.problems} problems (errors and warnings), diagnostics by severity ${JSON.stringify(checked.severities)}, ${seconds(checked.ms)}, calls ${JSON.stringify(checked.calls)}) ${delta(checked, explorer)} ` +
      `(${point(checked)} in all)` +
      ` - process.memoryUsage() in the VS Code ${result.vscode} extension host (Node ${result.node}), production bundle, ${gc}, minimum of 4 samples a second apart at each point; ` +
      `baseline after activate() with the ECR view not opened; sandbox at 0 ms latency; ` +
      `workspace: ${Math.ceil(MEMORY_FILES / 3)} Dockerfiles, ${Math.round(MEMORY_FILES / 3)} compose files and ${Math.floor(MEMORY_FILES / 3)} Kubernetes Deployments, 3 ECR references each (a seeded image, a tag of the big repository, a missing tag); ` +
      `part took ${seconds(performance.now() - started)}, of which ${seconds(disposeMs)} the sandbox deleting its storage (the bulk-seeded images' files); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`,
  ];
}

if (require.main === module) {
  void benchMemory().then((lines) => lines.forEach((l) => console.log(`- ${l}`)), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
