// Signatures, SBOMs and attestations under their image in the explorer, "Open" on them, and the
// image's signing status in its tooltip; AccessDenied and a registry without referrers support.
import * as assert from 'node:assert/strict';
import { DeleteSigningConfigurationCommand, PutSigningConfigurationCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { escapeMarkdown } from '../../../src/core/markdown';
import { formatBytes } from '../../../src/explorer/format';
import { activateExtension, eventually } from '../helpers';
import { attach, deleteRepository, repositoryWithImages, uniqueRepository } from '../referrers';
import { sdkClient, setFaults } from '../sandbox';
import { frameTexts, uiAvailable } from '../ui';
import { EAST, find, rows, type Row } from './tree';

const PROFILE = 'arn:aws:signer:us-east-1:111111111111:/signing-profiles/release_signer';

/** The row once the refreshed listing has it. */
async function findSoon(...labels: string[]): Promise<Row> {
  let found: Row | undefined;
  await eventually(async () => {
    found = await find(...labels).catch(() => undefined);
    return found !== undefined;
  }, labels.join(' > '));
  return found as Row;
}

async function tooltipOf(node: ExplorerNode): Promise<string> {
  const { explorer } = (await activateExtension()).testing;
  const item = await explorer.resolveTreeItem(explorer.getTreeItem(node) as vscode.TreeItem, node);
  const tooltip = item?.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

describe('Referrers in the explorer', function () {
  this.timeout(90_000);
  let repository = '';
  beforeEach(() => {
    repository = uniqueRepository('it/signed');
  });
  afterEach(async () => {
    await setFaults('reset');
    await deleteRepository(repository);
  });

  it('lists a signature and an SBOM under their image with type, size and push time; Open renders the SBOM\'s packages', async () => {
    const digests = await repositoryWithImages(repository, ['v1', 'plain']);
    const signature = await attach(repository, digests.v1, 'notation');
    const sbom = await attach(repository, digests.v1, 'spdx', [
      { name: 'openssl', version: '3.0.13', purl: 'pkg:deb/debian/openssl@3.0.13' },
      { name: '<img src=x>|pipe', version: '1`2' },
    ]);
    await vscode.commands.executeCommand('ecr.refresh');

    const image = await findSoon(EAST, repository, 'v1');
    const children = await rows(image.node);
    assert.deepEqual(children.map((r) => r.label), ['Signature (Notation)', 'SBOM (SPDX)'], 'signatures first, then SBOMs');
    const [sigRow, sbomRow] = children;
    assert.match(sigRow.description, new RegExp(`^sha256:${signature.digest.slice(7, 19)} · ${formatBytes(signature.size).replace('.', '\\.')} · (just now|\\d+ min ago)$`));
    assert.match(sbomRow.tooltip, /^SBOM \(SPDX\)\nArtifact type: application\/spdx\+json\nDigest: sha256:[0-9a-f]{64}\nSize: \d+ bytes\nPushed: \d{4}-\d\d-\d\d/);
    assert.equal(sbomRow.contextValue, 'referrer:sbom');

    const markdown = await vscode.commands.executeCommand<string>('ecr.openReferrer', sbomRow.node);
    assert.ok(markdown.startsWith(`# SBOM (SPDX) of ${escapeMarkdown(`${repository}:v1`)}\n`), markdown.slice(0, 200));
    assert.match(markdown, /## Packages \(2, SPDX\)/);
    assert.match(markdown, /\| openssl \| 3\\\.0\\\.13 \| pkg\\:deb\/debian\/openssl@3\\\.0\\\.13 \|/);
    assert.match(markdown, /\| &lt;img src\\=x&gt;\\\|pipe \| 1\\`2 \|/, 'strings from the registry are escaped, a pipe cannot end the cell');
    assert.doesNotMatch(markdown, /<img/);
    assert.match(markdown, new RegExp(`Refers to \\| \`${digests.v1}\``));
    assert.match(markdown, /## Manifest\n\n```json\n\{\n {2}"schemaVersion": 2/);
    assert.ok(markdown.includes(sbom.digest));
    if (uiAvailable) {
      // The document as the person sees it: the preview renders the table, the hostile name as text.
      let rendered = '';
      await eventually(async () => Boolean((rendered = (await frameTexts()).find((text) => text.includes('Packages (2, SPDX)')) ?? '')), 'the rendered SBOM', 20_000);
      assert.ok(rendered.includes('openssl') && rendered.includes('pkg:deb/debian/openssl@3.0.13') && rendered.includes('<img src=x>|pipe'), `rendered: ${rendered}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }

    const signatureDoc = await vscode.commands.executeCommand<string>('ecr.openReferrer', sigRow.node);
    assert.match(signatureDoc, /^# Signature \(Notation\) of /);
    assert.match(signatureDoc, /\| io\\\.cncf\\\.notary\\\.x509chain\\\.thumbprint\\#S256 \|/);
    assert.doesNotMatch(signatureDoc, /## Packages/);

    const plain = await findSoon(EAST, repository, 'plain');
    assert.deepEqual((await rows(plain.node)).map((r) => r.label), ['No signatures, SBOMs or attestations']);
    // The artifacts are images of the repository too (as ECR lists them): named by kind, no children.
    const artifactRow = (await rows((await findSoon(EAST, repository)).node)).find((r) => r.node.kind === 'image' && r.node.image.imageDigest === signature.digest);
    assert.match(artifactRow?.description ?? '', /^Signature \(Notation\) · /);
  });

  it('shows the signatures and the managed signing status in the image\'s tooltip', async () => {
    const digests = await repositoryWithImages(repository, ['v1', 'v2']);
    await attach(repository, digests.v1, 'notation');
    await attach(repository, digests.v1, 'cosign');
    await sdkClient(0).send(new PutSigningConfigurationCommand({ signingConfiguration: { rules: [{ signingProfileArn: PROFILE, repositoryFilters: [{ filter: repository, filterType: 'WILDCARD_MATCH' }] }] } }));
    try {
      await vscode.commands.executeCommand('ecr.refresh');
      const signed = await tooltipOf((await findSoon(EAST, repository, 'v1')).node);
      assert.match(signed, /\nSigned: Signature \(Cosign\), Signature \(Notation\)\nSigning \(release_signer\): COMPLETE$/);
      const unsigned = await tooltipOf((await findSoon(EAST, repository, 'v2')).node);
      assert.match(unsigned, /\nSigning \(release_signer\): IN_PROGRESS$/);
      assert.doesNotMatch(unsigned, /Signed:/);
    } finally {
      await sdkClient(0).send(new DeleteSigningConfigurationCommand({}));
    }
  });

  it('shows the denied action when listing referrers is refused, and degrades on a registry without referrers', async () => {
    const digests = await repositoryWithImages(repository, ['v1']);
    await attach(repository, digests.v1, 'notation');
    await vscode.commands.executeCommand('ecr.refresh');
    const image = await findSoon(EAST, repository, 'v1');

    await setFaults({ denyActions: ['ecr:BatchGetImage'] });
    const [denied] = await rows(image.node);
    assert.equal(denied.node.kind, 'error');
    assert.match(denied.label, /^Signatures and SBOMs could not be listed: Access denied: .* is not allowed to perform ecr:BatchGetImage\.$/);
    assert.match(denied.tooltip, /Denied action: ecr:BatchGetImage/);
    await setFaults({ denyActions: ['ecr:DescribeImageSigningStatus'] });
    assert.match(await tooltipOf(image.node), /\nSigned: Signature \(Notation\)\nSigning status unknown: .*not authorized to perform: ecr:DescribeImageSigningStatus/);

    await setFaults('reset');
    await setFaults({ emulator: { noReferrers: true } });
    // Signing facts are kept by the lookup layer (a problem briefly): Refresh reads them again.
    await vscode.commands.executeCommand('ecr.refresh');
    const again = await findSoon(EAST, repository, 'v1');
    assert.deepEqual((await rows(again.node)).map((r) => r.label), ['No signatures or SBOMs: this registry does not list referrers']);
    assert.match(await tooltipOf(again.node), /\nSignatures unknown: the registry does not list referrers$/);
  });
});
