// Reads the CI files "Set Up CI Push..." writes, as GitHub Actions and CodeBuild would need them, and
// runs the check command they call as this package provides it. Shared by the unit and workbench tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');

export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
export interface Workflow {
  readonly on: { readonly push: { readonly branches: string[] } };
  readonly permissions: Record<string, string>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, { readonly 'runs-on': string; readonly steps: Step[] }>;
}

/** The workflow parsed, with GitHub's required keys checked: on, jobs.<id>.runs-on, jobs.<id>.steps. */
export function parseWorkflow(text: string): Workflow & { readonly steps: Step[] } {
  const workflow = parse(text, { strict: true, uniqueKeys: true }) as Workflow;
  assert.ok(workflow.on, 'on');
  const jobs = Object.values(workflow.jobs ?? {});
  assert.equal(jobs.length, 1, 'one job');
  assert.equal(typeof jobs[0]['runs-on'], 'string', 'jobs.<id>.runs-on');
  assert.ok(Array.isArray(jobs[0].steps) && jobs[0].steps.length > 0, 'jobs.<id>.steps');
  for (const step of jobs[0].steps) assert.ok((step.uses === undefined) !== (step.run === undefined), `a step has uses or run: ${JSON.stringify(step)}`);
  return { ...workflow, steps: jobs[0].steps };
}

/** [bin, subcommand] of the `npx --package ... <bin> <command>` line of a script. */
export function checkCommandOf(script: string): [string, string] {
  const match = /npx --yes --package "\$ECR_POLICY_CHECK_PACKAGE" (\S+) (\S+) --policy "\$ECR_POLICY"/.exec(script);
  assert.ok(match, script);
  return [match[1], match[2]];
}

/** Runs `<bin> <command> --policy <policy>` as this package provides it; its exit code. */
export function runCheck(bin: string, command: string, policy: string, root = ROOT): number {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const target = pkg.bin?.[bin];
  assert.ok(target, `package.json names no bin "${bin}"`);
  const dir = mkdtempSync(join(tmpdir(), 'ecr-ci-check-'));
  try {
    writeFileSync(join(dir, policy), 'version: 1\nrules:\n  - pinnedByDigest: true\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    execFileSync(process.execPath, [join(root, target), command, '--policy', policy], { cwd: dir, stdio: 'pipe', env: { ...process.env, ECR_REGISTRIES: '', ELECTRON_RUN_AS_NODE: '1' } });
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
