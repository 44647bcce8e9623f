// Bundles the extension: a small main bundle plus heavy parts (AWS SDK, dockerode, scanners,
// command bodies) in separate bundles that the main one loads on first use (see src/lazy.ts).
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    extension: 'src/extension.ts',
    aws: 'src/aws/index.ts',
    discovery: 'src/aws/discovery.ts',
    docker: 'src/docker/index.ts',
    scanners: 'src/core/scanners/index.ts',
    // The scan worker's thread (src/core/scanners/offThread.ts): the scanners again, for big documents.
    scanWorker: 'src/core/scanners/worker.ts',
    policy: 'src/core/policy/index.ts',
    commands: 'src/commands/bodies.ts',
    // The production gate's CLI (node dist/cli.js check): no vscode import, everything it needs inside.
    cli: 'src/gate/cli.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Prefer ES module builds: some packages' UMD builds (jsonc-parser) hide requires from the bundler.
  mainFields: ['module', 'main'],
  // vscode is provided by the host; ssh2's native crypto and cpu-features are optional
  // (ssh2 falls back to pure JS when they are missing).
  external: ['vscode', 'cpu-features', '*.node'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});

