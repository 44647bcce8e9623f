// ecr.buildTagPush / ecr.pushImage / ecr.pullImage driven through executeCommand with argument
// objects, against the local ECR sandbox and the machine's real Docker Engine.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, DeleteRepositoryCommand, DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { connect } from '../../../src/docker/connection';
import type { BuildTagPushArgs, BuildTagPushOutcome } from '../../../src/commands/buildTagPush';
import type { Failure } from '../../../src/push/failure';
import type { ProgressReport } from '../../../src/push/forwardProgress';
import type { PullOutcome } from '../../../src/commands/pullImage';
import type { PushOutcome } from '../../../src/commands/pushImage';
import { activateExtension, eventually } from '../helpers';
import { answering } from '../prompts';
import { sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { click, query, requireUi, waitForElements } from '../ui';
import { assertForwardOnly, findLogFile, imageHasPath, randomContext, registryHost, removeLocalImages } from './support';

type Outcome = BuildTagPushOutcome | PushOutcome | PullOutcome | undefined;

function succeeded<T extends Outcome>(outcome: T): Exclude<T, { error: Failure } | undefined> {
  assert.ok(outcome, 'the command returned nothing');
  assert.ok(!('error' in outcome), `the command failed: ${'error' in outcome ? `${outcome.error.kind}: ${outcome.error.message}` : ''}`);
  return outcome as Exclude<T, { error: Failure } | undefined>;
}

function failed(outcome: Outcome): Failure {
  assert.ok(outcome && 'error' in outcome, `expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

const buildTagPush = (args: BuildTagPushArgs) => vscode.commands.executeCommand<BuildTagPushOutcome | undefined>('ecr.buildTagPush', args);

describe('Push area: build, tag, push and pull through the real engine', function () {
  this.timeout(90_000);
  const ecr = sdkClient(0);
  let docker: Docker;
  let workspace: string;
  // Each test creates its repositories and images and leaves nothing behind: any test runs alone.
  const cleanups: (() => Promise<unknown>)[] = [];
  let serial = 0;

  before(async () => {
    sandboxInfo();
    await activateExtension();
    docker = (await connect()).docker;
    workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(workspace, 'the fixtures workspace is not open');
  });

  beforeEach(() => setFaults('reset'));

  afterEach(async () => {
    await setFaults('reset');
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  /** A new repository of this test's own; removed with its local images after the test. */
  async function newRepository(): Promise<{ name: string; uri: string }> {
    const name = `push-it/app-${Date.now().toString(36)}-${++serial}`;
    const created = await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    const uri = created.repository?.repositoryUri ?? '';
    assert.equal(uri, `${registryHost(0)}/${name}`);
    cleanups.push(() => ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })), () => removeLocalImages(docker, `${uri}:`));
    return { name, uri };
  }

  /** A folder the test owns, removed after it. */
  function own<T extends string>(dir: T): T {
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** A small image of this test's own (content no other test has), built and pushed as `uri:tag`. */
  async function pushedImage(tag = 'v1'): Promise<{ name: string; uri: string; digest: string; imageId: string }> {
    const repository = await newRepository();
    const dir = own(await mkdtemp(join(tmpdir(), 'ecr-it-own-')));
    await writeFile(join(dir, 'owner.txt'), `${repository.name} ${Math.random()}`);
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY owner.txt /owner.txt\n');
    const result = succeeded(await buildTagPush({ dockerfile: join(dir, 'Dockerfile'), repositoryUri: repository.uri, tags: [tag] }));
    return { ...repository, digest: result.digest, imageId: result.imageId };
  }

  it('builds the fixture with build args and a target stage, pushes two tags, and ECR shows the returned digest', async () => {
    const { name, uri: repositoryUri } = await newRepository();
    const reports: ProgressReport[] = [];
    const result = succeeded(
      await buildTagPush({
        dockerfile: 'app/Dockerfile',
        repositoryUri,
        tags: ['latest', 'v1'],
        buildArgs: { APP_VERSION: '1.2.3', GREETING: 'hi-from-test' },
        target: 'release',
        onProgress: (r) => reports.push(r),
      }),
    );
    assert.deepEqual(result.imageUris, [`${repositoryUri}:latest`, `${repositoryUri}:v1`]);
    assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);

    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: name, imageIds: [{ imageTag: 'v1' }] }));
    const image = described.imageDetails?.[0];
    assert.equal(image?.imageDigest, result.digest);
    assert.deepEqual([...(image?.imageTags ?? [])].sort(), ['latest', 'v1']);

    assertForwardOnly(reports);
    assert.ok(reports.some((r) => /^Building: step \d+\/\d+ /.test(r.message)), `steps: ${reports.map((r) => r.message).join(' | ')}`);
    assert.ok(reports.some((r) => r.message.startsWith('Pushing latest:')), `steps: ${reports.map((r) => r.message).join(' | ')}`);

    // The target stage's label and the build args reached the image.
    const inspected = await docker.getImage(`${repositoryUri}:v1`).inspect();
    assert.equal(inspected.Id, result.imageId);
    assert.equal(inspected.Config.Labels?.['fixture.stage'], 'release');
    assert.equal(inspected.Config.Labels?.['org.opencontainers.image.version'], '1.2.3');
    assert.ok(inspected.Config.Env?.includes('GREETING=hi-from-test'), `env: ${inspected.Config.Env?.join(' ')}`);
    // .dockerignore: static/*.log stayed out of the context, the rest of static/ went in.
    assert.equal(await imageHasPath(docker, result.imageId, '/srv/static/index.html'), true);
    assert.equal(await imageHasPath(docker, result.imageId, '/srv/static/debug.log'), false);
  });

  it('a Dockerfile FROM an image in ECR builds: the registry login reaches the builder', async () => {
    const { uri: repositoryUri } = await newRepository();
    succeeded(await buildTagPush({ dockerfile: 'app/Dockerfile', repositoryUri, tags: ['v1'], target: 'release' }));
    // The base image must come from the sandbox registry, not from the engine's image store.
    await removeLocalImages(docker, `${repositoryUri}:`);
    const dir = own(await mkdtemp(join(tmpdir(), 'ecr-it-from-ecr-')));
    await writeFile(join(dir, 'Dockerfile'), `FROM ${repositoryUri}:v1\nLABEL derived.from=ecr\n`);
    const result = succeeded(await buildTagPush({ dockerfile: join(dir, 'Dockerfile'), repositoryUri, tags: ['derived'] }));
    const inspected = await docker.getImage(result.imageId).inspect();
    assert.equal(inspected.Config.Labels?.['derived.from'], 'ecr');
    assert.equal(inspected.Config.Labels?.['fixture.stage'], 'release', 'the base image’s labels came along');
  });

  it('from the Dockerfile menu it asks each step, pushes, and proposes the same choices next time', async () => {
    const { name, uri: repositoryUri } = await newRepository();
    await vscode.commands.executeCommand('ecr.refresh'); // The explorer learnt its repositories before this one existed.
    const dockerfile = vscode.Uri.file(join(workspace, 'app', 'Dockerfile'));
    let outcome: BuildTagPushOutcome | undefined;
    const asked = await answering(['app', name, 'wizard', 'APP_VERSION=2.0.0', 'release', "(the engine's own)"], async () => {
      outcome = await vscode.commands.executeCommand<BuildTagPushOutcome>('ecr.buildTagPush', dockerfile);
    });
    const result = succeeded(outcome);
    assert.deepEqual(result.imageUris, [`${repositoryUri}:wizard`]);
    assert.equal(asked.length, 6, asked.join('\n'));
    assert.ok(asked.every((q) => /^(pick|input): Build, Tag and Push: /.test(q)), asked.join('\n'));
    assert.match(asked[3], /This Dockerfile declares: APP_VERSION, GREETING/);
    assert.match(asked[4], /\(last stage\), base, release, broken/);
    // Second run: the remembered repository and target come first; dismissing stops without a push.
    const again = await answering(['app', undefined], async () => {
      await vscode.commands.executeCommand('ecr.buildTagPush', dockerfile);
    });
    assert.ok(again[1].includes(`repository (${name},`), again[1]);
  });

  it('pushing to a repository that does not exist fails with a clear message and creates nothing', async () => {
    const missing = `${registryHost(0)}/push-it/missing-${Date.now().toString(36)}`;
    cleanups.push(() => removeLocalImages(docker, `${missing}:`));
    const error = failed(await buildTagPush({ dockerfile: 'app/Dockerfile', repositoryUri: missing, tags: ['latest'], target: 'release' }));
    assert.equal(error.kind, 'repository-not-found');
    assert.match(error.message, /repository does not exist/);
    assert.ok(error.message.includes(missing), error.message);
    await assert.rejects(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [missing.slice(missing.indexOf('/') + 1)] })), /RepositoryNotFoundException/);
  });

  it('"Create Repository" on a failed push creates it, and says why when ECR refuses', async function () {
    requireUi(this);
    const missingName = `push-it/created-${Date.now().toString(36)}`;
    const missing = `${registryHost(0)}/${missingName}`;
    cleanups.push(() => ecr.send(new DeleteRepositoryCommand({ repositoryName: missingName, force: true })), () => removeLocalImages(docker, `${missing}:`));
    const rows = '.notifications-center .monaco-list-row';
    const pushThenCreate = async (): Promise<void> => {
      await vscode.commands.executeCommand('notifications.clearAll');
      failed(await buildTagPush({ dockerfile: 'app/Dockerfile', repositoryUri: missing, tags: ['latest'], target: 'release' }));
      await vscode.commands.executeCommand('notifications.showList');
      const row = `${rows}:has-text("repository does not exist")`;
      const shown = await waitForElements(row, (found) => found.some((r) => r.visible));
      assert.ok(shown.some((r) => r.visible), 'no notification of the failed push');
      await click(`${row} .monaco-button:has-text("Create Repository")`);
    };

    /** The notification center's rows once one satisfies `accept` (the center closes when emptied: reopen it). */
    const notificationsOnce = async (accept: (texts: string[]) => boolean): Promise<string[]> => {
      let texts: string[] = [];
      await eventually(async () => {
        await vscode.commands.executeCommand('notifications.showList');
        texts = (await query(rows)).map((r) => r.text);
        return accept(texts);
      }, 'the notification').catch(() => undefined);
      return texts;
    };

    await setFaults({ denyActions: ['CreateRepository'] });
    await pushThenCreate();
    const refused = await notificationsOnce((texts) => texts.some((t) => t.includes('ecr:CreateRepository') || t.includes(`Created ${missingName}`)));
    assert.ok(refused.some((t) => t.includes('ecr:CreateRepository')), `notifications: ${refused.join(' | ')}`);
    assert.ok(!refused.some((t) => t.includes(`Created ${missingName}`)), 'said "Created" although ECR refused');
    await assert.rejects(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [missingName] })), /RepositoryNotFoundException/);

    await setFaults('reset');
    await pushThenCreate();
    const created = await notificationsOnce((texts) => texts.some((t) => t.includes(`Created ${missingName}`)));
    assert.ok(created.some((t) => t.includes(`Created ${missingName}`)), `notifications: ${created.join(' | ')}`);
    const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [missingName] }));
    assert.equal(described.repositories?.[0]?.repositoryUri, missing);
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('an existing tag of an immutable repository is refused and keeps its image', async () => {
    cleanups.push(() => removeLocalImages(docker, `${registryHost(0)}/immutable-api:v1`));
    const before = await ecr.send(new DescribeImagesCommand({ repositoryName: 'immutable-api', imageIds: [{ imageTag: 'v1' }] }));
    const error = failed(await buildTagPush({ dockerfile: 'app/Dockerfile', repositoryUri: `${registryHost(0)}/immutable-api`, tags: ['v1'], target: 'release' }));
    assert.equal(error.kind, 'immutable-tag');
    assert.match(error.message, /immutable/);
    const after = await ecr.send(new DescribeImagesCommand({ repositoryName: 'immutable-api', imageIds: [{ imageTag: 'v1' }] }));
    assert.equal(after.imageDetails?.[0]?.imageDigest, before.imageDetails?.[0]?.imageDigest);
  });

  it('a failing build step names the step and pushes nothing', async () => {
    const { name, uri: repositoryUri } = await newRepository();
    const error = failed(await buildTagPush({ dockerfile: 'app/Dockerfile.fail', repositoryUri, tags: ['broken'] }));
    assert.equal(error.kind, 'build');
    // BuildKit counts only the steps it runs (1/1; FROM scratch is not one), the classic builder all (2/2).
    assert.match(error.message, /step (1\/1|2\/2) \(RUN \["\/bin\/sh"/);
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: name }));
    assert.ok(!images.imageDetails?.some((i) => i.imageTags?.includes('broken')));
  });

  it('without a Docker Engine the message says where it looked', async () => {
    const { uri: repositoryUri } = await newRepository();
    await vscode.workspace.getConfiguration('ecr').update('docker.host', 'unix:///nonexistent/docker.sock', vscode.ConfigurationTarget.Global);
    try {
      const error = failed(await buildTagPush({ dockerfile: 'app/Dockerfile', repositoryUri, tags: ['latest'] }));
      assert.equal(error.kind, 'docker-unavailable');
      assert.match(error.message, /No Docker Engine answered at unix:\/\/\/nonexistent\/docker\.sock \(ecr\.docker\.host setting\)/);
    } finally {
      await vscode.workspace.getConfiguration('ecr').update('docker.host', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Cancel mid-push stops the upload and leaves the tag in ECR where it was', async () => {
    const pushed = await pushedImage('latest');
    const { name, uri: repositoryUri } = pushed;
    const dir = own(await randomContext(24));
    await setFaults({ latencyMs: 300 }); // Every registry request waits: the upload cannot finish before the cancel.
    const cancel = new vscode.CancellationTokenSource();
    const reports: ProgressReport[] = [];
    try {
      const outcome = await buildTagPush({
        dockerfile: join(dir, 'Dockerfile'),
        repositoryUri,
        tags: ['latest'],
        cancellation: cancel.token,
        onProgress: (r) => {
          reports.push(r);
          if (r.message.startsWith('Pushing latest:')) cancel.cancel();
        },
      });
      const error = failed(outcome);
      assert.equal(error.kind, 'cancelled');
      assert.match(error.message, /cancelled/);
    } finally {
      await setFaults('reset');
    }
    assertForwardOnly(reports, false);
    assert.ok(reports.at(-1)!.percent < 100);
    const latest = await ecr.send(new DescribeImagesCommand({ repositoryName: name, imageIds: [{ imageTag: 'latest' }] }));
    assert.equal(latest.imageDetails?.[0]?.imageDigest, pushed.digest, 'the tag moved');
  });

  it('a connection dropped mid-upload is retried by the engine and the push completes', async () => {
    const { name, uri: repositoryUri } = await newRepository();
    const dir = own(await randomContext(4));
    await setFaults({ dropUploadAfterBytes: 256 * 1024 });
    const reports: ProgressReport[] = [];
    try {
      const result = succeeded(await buildTagPush({ dockerfile: join(dir, 'Dockerfile'), repositoryUri, tags: ['dropped'], onProgress: (r) => reports.push(r) }));
      const described = await ecr.send(new DescribeImagesCommand({ repositoryName: name, imageIds: [{ imageTag: 'dropped' }] }));
      assert.equal(described.imageDetails?.[0]?.imageDigest, result.digest);
      // The sandbox really dropped a connection: the one-shot switch was consumed by the upload.
      const faults = (await (await fetch(`${sandboxInfo().endpoint}/__sandbox/faults`)).json()) as { dropUploadAfterBytes?: number | null };
      assert.equal(faults.dropUploadAfterBytes ?? undefined, undefined);
    } finally {
      await setFaults('reset');
    }
    // Whether the engine's retry shows as a "Retrying in n seconds" step depends on its timing.
    assertForwardOnly(reports);
  });

  it('a revoked login token is replaced once and the push goes through', async () => {
    const { endpoint } = sandboxInfo();
    const pushed = await pushedImage();
    const repositoryUri = pushed.uri;
    assert.ok((await fetch(`${endpoint}/__sandbox/expire-tokens`, { method: 'POST', body: '{}' })).ok);
    const result = succeeded(await vscode.commands.executeCommand<PushOutcome>('ecr.pushImage', { image: pushed.imageId, repositoryUri, tag: 'again' }));
    assert.equal(result.digest, pushed.digest, 'the same image has the same manifest digest');
  });

  it('when ECR refuses the login token request, the failure is an auth failure', async () => {
    const pushed = await pushedImage();
    const repositoryUri = pushed.uri;
    await setFaults({ denyActions: ['GetAuthorizationToken'] });
    try {
      await vscode.commands.executeCommand('ecr.refresh'); // Drops the cached token with the registries.
      const error = failed(await vscode.commands.executeCommand<PushOutcome>('ecr.pushImage', { image: pushed.imageId, repositoryUri, tag: 'denied' }));
      assert.equal(error.kind, 'auth');
      assert.match(error.message, /^No reachable ECR registry serves 127\.0\.0\.1:\d+\. .*(denied|not authorized)/i);
    } finally {
      await setFaults('reset');
      await vscode.commands.executeCommand('ecr.refresh');
    }
  });

  it('the "Pushed" notification copies the URI, reveals the repository and starts a scan', async function () {
    requireUi(this);
    const pushed = await pushedImage();
    const { name, uri: repositoryUri, imageId: image } = pushed;
    await vscode.commands.executeCommand('ecr.refresh'); // The explorer learnt its repositories before this one existed.
    const shortName = name.slice(name.lastIndexOf('/') + 1);
    const pushAndClick = async (tag: string, button: string): Promise<void> => {
      succeeded(await vscode.commands.executeCommand<PushOutcome>('ecr.pushImage', { image, repositoryUri, tag }));
      // The notification center lists every notification; toasts come and go with VS Code's spam protection.
      await vscode.commands.executeCommand('notifications.showList');
      const row = `.notifications-center .monaco-list-row:has-text("Pushed ${shortName}:${tag} ")`;
      const shown = await waitForElements(row, (rows) => rows.some((r) => r.visible));
      assert.ok(shown.some((r) => r.visible), `no "Pushed ${shortName}:${tag}" notification`);
      await click(`${row} .monaco-button:has-text("${button}")`);
      await vscode.commands.executeCommand('notifications.hideList');
    };

    await vscode.env.clipboard.writeText('');
    await pushAndClick('note-copy', 'Copy URI');
    await eventually(async () => (await vscode.env.clipboard.readText()) === `${repositoryUri}:note-copy`, 'the URI on the clipboard');

    await pushAndClick('note-reveal', 'Reveal in ECR Explorer');
    const selected = await waitForElements('.monaco-list-row.selected', (rows) => rows.some((r) => r.text.startsWith(name)));
    assert.ok(selected.some((r) => r.text.startsWith(name)), `selected rows: ${selected.map((r) => r.text).join(' | ')}`);

    const scanStatus = async (tag: string): Promise<string | undefined> =>
      (await ecr.send(new DescribeImagesCommand({ repositoryName: name, imageIds: [{ imageTag: tag }] }))).imageDetails?.[0]?.imageScanStatus?.status;
    // The same image as v1: it must not have been scanned yet, or the scan below would prove nothing.
    assert.equal(await scanStatus('v1'), undefined);
    await pushAndClick('note-scan', 'Start Scan');
    await eventually(async () => (await scanStatus('note-scan')) === 'COMPLETE', 'a completed scan of the pushed image');
  });

  it('pulls by tag and by digest into the engine', async () => {
    const pushed = await pushedImage();
    const repositoryUri = pushed.uri;
    const byTag = `${repositoryUri}:v1`;
    await removeLocalImages(docker, `${repositoryUri}:`);
    await assert.rejects(docker.getImage(byTag).inspect());
    const reports: ProgressReport[] = [];
    const pulled = succeeded(await vscode.commands.executeCommand<PullOutcome>('ecr.pullImage', { imageUri: byTag, onProgress: (r: ProgressReport) => reports.push(r) }));
    assert.equal(pulled.digest, pushed.digest);
    assert.equal((await docker.getImage(byTag).inspect()).Id, pushed.imageId);
    assertForwardOnly(reports);

    await removeLocalImages(docker, `${repositoryUri}:`);
    const byDigest = `${repositoryUri}@${pushed.digest}`;
    const again = succeeded(await vscode.commands.executeCommand<PullOutcome>('ecr.pullImage', { imageUri: byDigest }));
    assert.equal(again.imageId, pushed.imageId);
    assert.ok((await docker.getImage(pushed.imageId).inspect()).RepoDigests?.includes(byDigest));
  });

  it('the ECR log shows the build and push, and never the login token', async function () {
    const { name, uri: repositoryUri } = await pushedImage();
    const file = findLogFile(name);
    if (!file) {
      this.skip(); // Only the offline launcher's log layout is known.
    }
    let text = '';
    for (let i = 0; i < 20 && !text.includes(`Pushed ${repositoryUri}:v1`); i++) {
      text = await readFile(file!, 'utf8');
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(text.includes(`Pushed ${repositoryUri}:v1`), 'the push is logged');
    assert.ok(text.includes('Step 1/'), 'the build output is logged');
    assert.ok(!text.includes('QVdTO'), 'no base64("AWS:...") credentials');
    // Sandbox tokens are 64 base64url characters; digests (hex) are the only such runs allowed.
    const runs = text.match(/[A-Za-z0-9_-]{64,}/g) ?? [];
    assert.deepEqual(runs.filter((r) => !/^[0-9a-f]+$/.test(r)), []);
  });
});
