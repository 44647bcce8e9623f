// The production gate's CLI as CI runs it: `node dist/cli.js check` in a subprocess, against the
// sandbox through the unmodified AWS SDK, with the credentials of its environment.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import Ajv from 'ajv-draft-04';
import { useSandbox } from '../sandbox/helpers';
import { pushReferrer } from '../../sandbox/seed/referrers';
import { createRepositoryWithImage, sandboxClient } from './pushImage';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SARIF_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

/** The schema's patterns predate unicode-mode regexes; its uri formats are checked for a scheme. */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const formats = { uri: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s), 'uri-reference': () => true, 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) };
  return new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, formats }).compile(SARIF_SCHEMA);
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(cwd: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('production gate CLI (subprocess, sandbox)', function () {
  this.timeout(120_000);
  const sandbox = useSandbox({ seed: false });
  const owned: string[] = [];
  let workspace: string;
  let env: Record<string, string>;

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'ecr-gate-'));
    // Only the sandbox: no profiles of the machine's ~/.aws, no proxy.
    env = { PATH: process.env.PATH ?? '', HOME: workspace, AWS_CONFIG_FILE: join(workspace, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(workspace, 'no-credentials'), ...sandbox().env };
  });
  afterEach(async () => {
    rmSync(workspace, { recursive: true, force: true });
    const ecr = sandboxClient(sandbox());
    for (const repositoryName of owned.splice(0)) await ecr.send(new DeleteRepositoryCommand({ repositoryName, force: true })).catch(() => undefined);
    ecr.destroy();
  });

  async function image(name: string, options: Parameters<typeof createRepositoryWithImage>[3]) {
    const repository = `gate-${name}-${Date.now()}`;
    owned.push(repository);
    return createRepositoryWithImage(sandbox(), repository, '1.0', options);
  }

  function write(file: string, text: string): void {
    writeFileSync(join(workspace, file), text);
  }

  it('reports each violated rule at its reference, exits 1, and writes SARIF 2.1.0 that the official schema accepts', async () => {
    const web = await image('web', { scan: true });
    write('.ecr-policy.yaml', 'rules:\n  - pinnedByDigest: true\n  - maxSeverity: HIGH\n  - immutableTags: true\n');
    write('deploy.yaml', `apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: web\n      image: ${web.repositoryUri}:1.0\n`);

    const text = await runCli(workspace, ['check'], env);
    assert.equal(text.code, 1, text.stderr);
    const repository = web.repositoryUri.split('/')[1];
    assert.deepEqual(text.stdout.trim().split('\n'), [
      `deploy.yaml:7:14: error pinnedByDigest: ${web.repositoryUri}:1.0 is not pinned by digest (policy rule pinnedByDigest)`,
      `deploy.yaml:7:14: error maxSeverity: 2 findings at HIGH or above in ${repository}:1.0 (C1 H1) (policy rule maxSeverity)`,
      `deploy.yaml:7:14: error immutableTags: repository ${repository} has mutable tags (policy rule immutableTags)`,
      '3 policy violations in 1 of 1 files.',
    ]);

    const sarif = await runCli(workspace, ['check', '--format', 'sarif'], env);
    assert.equal(sarif.code, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn]), [
      ['pinnedByDigest', 'deploy.yaml', 7, 14],
      ['maxSeverity', 'deploy.yaml', 7, 14],
      ['immutableTags', 'deploy.yaml', 7, 14],
    ]);
  });

  it('exits 0 when every reference meets the policy: pinned, immutable, findings suppressed until they expire', async () => {
    const api = await image('api', { scan: true, mutability: 'IMMUTABLE' });
    write('.ecr-policy.yaml', [
      'rules:',
      '  - files: ["**/Dockerfile"]',
      '    pinnedByDigest: true',
      '  - maxSeverity: HIGH',
      '  - immutableTags: true',
      'suppressions:',
      '  - { cve: CVE-2023-0001, reason: not reachable, expires: 2999-12-31 }',
      '  - { cve: CVE-2023-0002, reason: no fix yet, expires: 2999-12-31 }',
      '',
    ].join('\n'));
    write('Dockerfile', `FROM ${api.repositoryUri}:1.0@${api.digest}\n`);
    const clean = await runCli(workspace, ['check'], env);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, 'No policy violations in 1 file.\n');

    write('.ecr-policy.yaml', readFileSync(join(workspace, '.ecr-policy.yaml'), 'utf8').replace('expires: 2999-12-31 }\n', 'expires: 2020-01-01 }\n'));
    const expired = await runCli(workspace, ['check'], env);
    assert.equal(expired.code, 1, expired.stdout);
    assert.match(expired.stdout, /1 finding at HIGH or above .*; 1 suppressed \(policy rule maxSeverity\)/);
    assert.match(expired.stderr, /\.ecr-policy\.yaml:7:\d+: warning The suppression of CVE-2023-0001 expired on 2020-01-01/);
  });

  it('reaches a registry given by --registries (like ecr.registries) with the environment credentials', async () => {
    const svc = await image('svc', {});
    write('.ecr-policy.yaml', 'rules:\n  - scan: {}\n');
    write('compose.yaml', `services:\n  svc:\n    image: ${svc.repositoryUri}:1.0\n`);
    const { AWS_ENDPOINT_URL_ECR: endpoint, ...withoutEndpoint } = env;
    const run = await runCli(workspace, ['check', 'compose.yaml', '--registries', JSON.stringify([{ region: 'us-east-1', endpoint }])], withoutEndpoint);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^compose\.yaml:3:12: error scan: gate-svc-\d+:1\.0 has not been scanned \(policy rule scan\)$/m);
  });

  it('signed: fails an image without a signature, passes one with a Notation signature referrer', async () => {
    const signed = await image('signed', {});
    const unsigned = await image('unsigned', {});
    const ecr = sandboxClient(sandbox());
    await pushReferrer(ecr, { repositoryName: signed.repositoryUri.split('/')[1], subjectDigest: signed.digest, kind: 'notation' });
    ecr.destroy();
    write('.ecr-policy.yaml', 'rules:\n  - signed: true\n');
    write('compose.yaml', `services:\n  a:\n    image: ${signed.repositoryUri}:1.0\n  b:\n    image: ${unsigned.repositoryUri}:1.0\n`);
    const run = await runCli(workspace, ['check'], env);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      `compose.yaml:5:12: error signed: ${unsigned.repositoryUri.split('/')[1]}:1.0 is not signed (policy rule signed)`,
      '1 policy violation in 1 of 1 files.',
    ]);

    sandbox().setFaults({ emulator: { noReferrers: true } });
    const unsupported = await runCli(workspace, ['check'], env);
    assert.equal(unsupported.code, 1);
    assert.match(unsupported.stdout, new RegExp(`^compose\\.yaml:3:12: error signed: ${signed.repositoryUri.split('/')[1]}:1\\.0 is not signed \\(the registry does not list referrers\\)`, 'm'));
  });

  it('exits 2 on a broken policy (with its line), a missing policy or a bad flag, and checks nothing', async () => {
    write('Dockerfile', 'FROM nginx:1.27\n');
    write('.ecr-policy.yaml', 'rules:\n  - pinnedByDigest: true\n  - maxSeverity: [HIGH\n');
    const broken = await runCli(workspace, ['check'], env);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^\.ecr-policy\.yaml:\d+:\d+: error The policy is not valid YAML: /m);
    assert.match(broken.stderr, /The policy has errors: nothing was checked\./);
    assert.equal(broken.stdout, '');

    write('.ecr-policy.yaml', 'rules:\n  - pinnedByDigest: yes please\n');
    const invalid = await runCli(workspace, ['check'], env);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^\.ecr-policy\.yaml:2:21: error pinnedByDigest must be true/m);

    rmSync(join(workspace, '.ecr-policy.yaml'));
    const missing = await runCli(workspace, ['check'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No policy file: .*\.ecr-policy\.yaml does not exist\./);

    write('.ecr-policy.yaml', 'rules:\n  - pinnedByDigest: true\n');
    assert.equal((await runCli(workspace, ['check', '--format', 'xml'], env)).code, 2);
    assert.equal((await runCli(workspace, ['lint'], env)).code, 2);
    const notPinned = await runCli(workspace, ['check'], env);
    assert.equal(notPinned.code, 1, 'the same workspace with a valid policy does fail the gate');
  });

  it('is a bundle of its own with no vscode import', () => {
    assert.ok(!/require\(["']vscode["']\)/.test(readFileSync(CLI, 'utf8')));
  });
});
