// "Newer image available": a reference whose tag is a version learns of a newer version in its
// repository, in the hover always and as a hint diagnostic when ecr.diagnostics.newerImage is on.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, DescribeImagesCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension, eventually } from '../helpers';
import { requestCounts, resetRequestCounts, sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { codeActions, hoverText, rangeOf, untitled, waitForDiagnostics } from './support';

const host = () => sandboxInfo().registries[0].host;
/** An image index without manifests: PutImage needs nothing uploaded first; the tag makes each digest its own. */
const index = (tag: string) => JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { tag } });
const isNewer = (d: vscode.Diagnostic) => d.code === 'newer-image';
const isNotScanned = (d: vscode.Diagnostic) => d.code === 'not-scanned';

describe('Language features: newer image available', () => {
  const repository = `it-newer/web-${Date.now()}`;
  const image = (tag: string) => `${host()}/${repository}:${tag}`;
  let pushedAt = '';
  const config = () => vscode.workspace.getConfiguration('ecr');

  before(async () => {
    await activateExtension();
    const ecr = sdkClient(0);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
    for (const tag of ['v1.0.0', 'v1.2.0', 'latest', 'v2.0.0-rc.1']) await ecr.send(new PutImageCommand({ repositoryName: repository, imageTag: tag, imageManifest: index(tag) }));
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: 'v1.2.0' }] }));
    const at = described.imageDetails?.[0]?.imagePushedAt;
    assert.ok(at);
    pushedAt = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  });

  after(async () => {
    await config().update('diagnostics.newerImage', undefined, vscode.ConfigurationTarget.Workspace);
    await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName: repository, force: true }));
  });

  afterEach(async () => {
    for (let i = 0; i < 3 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('with ecr.diagnostics.newerImage on, a reference to v1.0.0 gets a hint and a hover naming v1.2.0 and its push time; v1.2.0 gets none; the tag list is read once', async () => {
    await config().update('diagnostics.newerImage', true, vscode.ConfigurationTarget.Workspace);
    await resetRequestCounts();
    const document = await untitled('dockerfile', `FROM ${image('v1.0.0')} AS old\nFROM ${image('v1.2.0')} AS new\n`);
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.filter(isNotScanned).length === 2);
    const hints = diagnostics.filter(isNewer);
    assert.equal(hints.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(hints[0].severity, vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(hints[0].range, rangeOf(document, 0, image('v1.0.0')));
    assert.equal(hints[0].message, `A newer version of ${repository}:v1.0.0 is in the repository: v1.2.0 (pushed ${pushedAt}).`);

    const hoverOld = await hoverText(document, rangeOf(document, 0, image('v1.0.0')).start.translate(0, 3));
    assert.ok(hoverOld.includes(`**Newer version available:** \`v1.2.0\`, pushed ${pushedAt}`), hoverOld);
    const hoverNew = await hoverText(document, rangeOf(document, 1, image('v1.2.0')).start.translate(0, 3));
    assert.ok(hoverNew.includes('Tag `v1.2.0`'), hoverNew);
    assert.ok(!hoverNew.includes('Newer version'), hoverNew);
    const calls = (await requestCounts()).DescribeImages;
    for (let i = 0; i < 3; i++) await hoverText(document, rangeOf(document, 0, image('v1.0.0')).start.translate(0, 3));
    assert.equal((await requestCounts()).DescribeImages, calls, 'hovers again read the kept tag list and image');
  });

  it('"Update to v1.2.0" replaces the tag, and the hint goes', async () => {
    await config().update('diagnostics.newerImage', true, vscode.ConfigurationTarget.Workspace);
    const document = await untitled('dockerfile', `FROM ${image('v1.0.0')}\nRUN true\n`);
    await waitForDiagnostics(document.uri, (ds) => ds.some(isNewer));
    const actions = await codeActions(document, rangeOf(document, 0, image('v1.0.0')));
    const update = actions.find((a) => a.title === 'Update to v1.2.0');
    assert.ok(update?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(update.isPreferred, 'preferred: it fixes the hint');
    assert.ok(await vscode.workspace.applyEdit(update.edit));
    assert.equal(document.getText(), `FROM ${image('v1.2.0')}\nRUN true\n`);
    await waitForDiagnostics(document.uri, (ds) => ds.some(isNotScanned) && !ds.some(isNewer));
  });

  it('with the setting off (the default) shows no hint, but the hover still names the newer version', async () => {
    await config().update('diagnostics.newerImage', undefined, vscode.ConfigurationTarget.Workspace);
    const document = await untitled('dockerfile', `FROM ${image('v1.0.0')}\n`);
    // The hint would be set in the same update as the not-scanned note.
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some(isNotScanned));
    assert.deepEqual(diagnostics.filter(isNewer), []);
    const hover = await hoverText(document, rangeOf(document, 0, image('v1.0.0')).start.translate(0, 3));
    assert.ok(hover.includes('**Newer version available:** `v1.2.0`'), hover);
    // Turned on for the open document, the hint appears.
    await config().update('diagnostics.newerImage', true, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (ds) => ds.some(isNewer));
  });

  it('a slow tag listing or signing lookup does not hold the hover back: it shows without them, and a later hover names them', async () => {
    await config().update('diagnostics.newerImage', undefined, vscode.ConfigurationTarget.Workspace); // the diagnostics list nothing
    const slow = `it-newer/slow-${Date.now()}`;
    const ecr = sdkClient(0);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: slow }));
    try {
      for (const tag of ['1.0', '1.1']) await ecr.send(new PutImageCommand({ repositoryName: slow, imageTag: tag, imageManifest: index(tag) }));
      const reference = `${host()}/${slow}:1.0`;
      const document = await untitled('dockerfile', `FROM ${reference}\n`);
      await waitForDiagnostics(document.uri, (ds) => ds.some(isNotScanned)); // the image itself is known
      // Every ECR call now takes 2.5 s: neither the listing nor the signing facts (referrers, then
      // signing status) can arrive within the hover's 2 s for them.
      await setFaults({ latencyMs: 2_500 });
      const position = rangeOf(document, 0, reference).start.translate(0, 3);
      const first = await hoverText(document, position);
      assert.ok(first.includes('Tag `1.0`') && !first.includes('Newer version') && !first.includes('Not signed'), first);
      await eventually(async () => {
        const later = await hoverText(document, position);
        return later.includes('**Newer version available:** `1.1`') && later.includes('Not signed');
      }, 'the newer version and the signing line in a later hover');
    } finally {
      await setFaults('reset');
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: slow, force: true }));
    }
  });
});
