// The demo's first push: "ECR: Build, Tag and Push" from the palette with Enter at every step
// builds the demo's Dockerfile and pushes it, against the sandbox and the real Docker Engine.
import * as assert from 'node:assert/strict';
import { BatchDeleteImageCommand, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { connect } from '../../../src/docker/connection';
import type { BuildTagPushOutcome } from '../../../src/commands/buildTagPush';
import { activateExtension } from '../helpers';
import { answering, DEFAULT } from '../prompts';
import { imageHasPath, registryHost, removeLocalImages } from '../push/support';
import { sandboxInfo, sdkClient } from '../sandbox';

describe('Demo: the first push with the defaults', function () {
  this.timeout(120_000);
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    sandboxInfo();
    await activateExtension();
  });

  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('Build, Tag and Push from the palette with Enter at every step builds the demo Dockerfile and the image is in ECR', async () => {
    let outcome: BuildTagPushOutcome | undefined;
    // More Enters than questions: the test does not depend on how many steps there are.
    const asked = await answering(Array<typeof DEFAULT>(10).fill(DEFAULT), async () => {
      outcome = await vscode.commands.executeCommand<BuildTagPushOutcome | undefined>('ecr.buildTagPush');
    });
    assert.ok(outcome, `the command returned nothing; asked:\n${asked.join('\n')}`);
    assert.ok(!('error' in outcome), `the push failed: ${'error' in outcome ? `${outcome.error.kind}: ${outcome.error.message}` : ''}\nasked:\n${asked.join('\n')}`);
    assert.ok(asked.some((q) => q.startsWith('pick: Build, Tag and Push: repository')), asked.join('\n'));

    const [uri] = outcome.imageUris;
    assert.equal(outcome.imageUris.length, 1, outcome.imageUris.join(' '));
    const account = sandboxInfo().accounts.findIndex((_, i) => uri.startsWith(`${registryHost(i)}/`));
    assert.ok(account >= 0, `${uri} is not in a sandbox registry`);
    const [repository, tag] = uri.slice(registryHost(account).length + 1).split(':');
    const ecr = sdkClient(account);
    const docker = (await connect()).docker;
    cleanups.push(
      () => ecr.send(new BatchDeleteImageCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] })),
      () => removeLocalImages(docker, uri),
    );

    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
    assert.equal(described.imageDetails?.[0]?.imageDigest, outcome.digest);
    assert.equal(await imageHasPath(docker, outcome.imageId, '/srv/site/index.html'), true, 'the image is the demo site');
  });
});
