// One result shape for every suite, so `npm test` can total them into one line.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  readonly suite: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly failures: readonly { title: string; error: string }[];
  /** Where the suite ran, e.g. "Node v20.20.2" or "VS Code 1.100.3 extension host". */
  readonly host: string;
}

/** All files under `dir` whose name ends with `suffix` (`.test.js`), sorted for a stable order. */
export function findTests(dir: string, suffix = '.test.js'): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

/** Runs mocha over `files` and returns the counts; `grep` narrows to matching titles. */
export function runMocha(suite: string, host: string, files: string[], options: Mocha.MochaOptions = {}): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 20_000, ...options });
  if (process.env.ECR_TEST_GREP) mocha.grep(process.env.ECR_TEST_GREP);
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const failures: { title: string; error: string }[] = [];
      const runner = mocha.run();
      runner.on('fail', (test, error: Error) => failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) }));
      runner.on('end', () => {
        const stats = runner.stats;
        resolve({
          suite,
          host,
          passed: stats?.passes ?? 0,
          failed: Math.max(stats?.failures ?? 0, failures.length),
          skipped: stats?.pending ?? 0,
          failures,
        });
      });
    } catch (error) {
      reject(error);
    }
  });
}

export function writeResult(file: string, result: SuiteResult): void {
  writeFileSync(file, JSON.stringify(result, null, 2));
}
