// Hovers and diagnostics read image answers from the same lookup layer the explorer's commands
// clear: what the user changes in the ECR view shows in the editor at once, whichever profile
// the two use, and many references cost few requests.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { CreateRepositoryCommand, DeleteRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { answering } from '../prompts';
import { bulkSeed, requestCounts, resetRequestCounts, sandboxInfo, sdkClient } from '../sandbox';
import { find, refreshAll } from '../explorer/tree';
import { hoverText, rangeOf, summary, untitled, waitForDiagnostics } from './support';

const host = () => sandboxInfo().registries[0].host;
/** A second profile reaching account 111111111111 in us-east-1, as a user with an admin and a dev role has. */
const ADMIN = 'it-east-admin';
// Diagnostics update within a few seconds; the TTL (5 minutes) is what an old answer would wait for.
const AT_ONCE_MS = 5_000;

/** An image index without manifests: PutImage needs nothing uploaded first; `n` makes each digest its own. */
const index = (n: string) => JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { n } });

async function put(repositoryName: string, imageTag: string): Promise<string> {
  const out = await sdkClient(0).send(new PutImageCommand({ repositoryName, imageTag, imageManifest: index(imageTag) }));
  const digest = out.image?.imageId?.imageDigest;
  assert.ok(digest);
  return digest;
}

/** Adds a profile to the shared AWS files the extension host reads; returns a function that restores them. */
function addProfile(name: string): () => void {
  const configFile = process.env.AWS_CONFIG_FILE;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE;
  assert.ok(configFile && credentialsFile, 'the launcher sets AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE');
  const [config, credentials] = [readFileSync(configFile, 'utf8'), readFileSync(credentialsFile, 'utf8')];
  const { endpoint, accounts } = sandboxInfo();
  writeFileSync(configFile, `${config}\n[profile ${name}]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
  writeFileSync(credentialsFile, `${credentials}\n[${name}]\naws_access_key_id = ${accounts[0].accessKeyId}\naws_secret_access_key = ${accounts[0].secretAccessKey}\n`);
  return () => {
    writeFileSync(configFile, config);
    writeFileSync(credentialsFile, credentials);
  };
}

/** The profile the hover names, e.g. "sandbox-east" (markdown escapes taken out). */
function profileIn(hover: string): string {
  const profile = /, profile (.+)\n/.exec(hover)?.[1]?.replace(/\\(.)/g, '$1');
  assert.ok(profile, hover);
  return profile;
}

describe('Language features: one lookup layer with the explorer', () => {
  const repository = `it-lookups/moves-${Date.now()}`;
  let restoreProfiles: () => void = () => undefined;

  before(async () => {
    await activateExtension();
    await sdkClient(0).send(new CreateRepositoryCommand({ repositoryName: repository }));
    restoreProfiles = addProfile(ADMIN);
    await refreshAll();
  });

  after(async () => {
    restoreProfiles();
    await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName: repository, force: true }));
    await refreshAll();
  });

  it('shows a tag moved and an image deleted in the ECR view at once in the hover and diagnostics, also through another profile of the same account', async () => {
    const [digestA, digestB] = [await put(repository, 'a'), await put(repository, 'b')];
    const image = (tag: string) => `${host()}/${repository}:${tag}`;
    const document = await untitled('dockerfile', `FROM ${image('a')}\nFROM ${image('b')}\n`);
    const hover = () => hoverText(document, rangeOf(document, 0, image('a')).start.translate(0, 3));
    await waitForDiagnostics(document.uri, (ds) => ds.length === 2);
    const before = await hover();
    assert.ok(before.includes(`Tag \`a\` → \`${digestA}\``), before);
    // The explorer works through the profile the editor did not use: its answers must go too.
    const other = profileIn(before) === ADMIN ? 'sandbox-east' : ADMIN;
    const registryRow = `${other} (us-east-1)`;

    const imageB = await find(registryRow, repository, /^b$/);
    await answering([true], () => vscode.commands.executeCommand('ecr.addTag', imageB.node, 'a'));
    const moved = await hover();
    assert.ok(moved.includes(`Tag \`a\` → \`${digestB}\``), `right after the tag moved: ${moved}`);

    const both = await find(registryRow, repository, /\bb\b/);
    await answering([true], () => vscode.commands.executeCommand('ecr.deleteImage', both.node));
    const gone = await hover();
    assert.ok(gone.includes('not found'), `right after the delete: ${gone}`);
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length === 2, AT_ONCE_MS);
    assert.deepEqual(summary(diagnostics).map(([line, severity, message]) => [line, severity, message.replace(/ \(registry .*\)\.$/, '')]), [
      [0, 'Error', `Tag "a" not found in repository "${repository}"`],
      [1, 'Error', `Tag "b" not found in repository "${repository}"`],
    ]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('looks 120 references to one repository up in 2 DescribeImages calls, shared by two documents checked together', async () => {
    const name = `it-lookups/many-${Date.now()}`;
    await bulkSeed(name, 120, 't');
    try {
      const text = Array.from({ length: 120 }, (_, i) => `FROM ${host()}/${name}:t${i} AS s${i}`).join('\n') + '\n';
      await resetRequestCounts();
      const open = () => vscode.workspace.openTextDocument({ language: 'dockerfile', content: text });
      const [one, two] = await Promise.all([open(), open()]);
      for (const document of [one, two]) await vscode.window.showTextDocument(document, { preview: false });
      const notScanned = (ds: vscode.Diagnostic[]) => ds.length === 120 && ds.every((d) => d.message.endsWith('has not been scanned.'));
      await waitForDiagnostics(one.uri, notScanned, 30_000);
      await waitForDiagnostics(two.uri, notScanned, 30_000);
      assert.equal((await requestCounts()).DescribeImages, 2, 'ceil(120 / 100) calls for both documents');
      for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await sdkClient(0).send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
    }
  });
});
