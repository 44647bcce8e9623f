// References to another account's registry (e.g. a shared tools account), read with the credentials
// of a configured registry of the same region through `registryId`.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { sdkClient } from '../sandbox';
import { hoverText, rangeOf, summary, untitled, waitForDiagnostics } from './support';

const OTHER = '222222222222';
const SHARED = `${OTHER}.dkr.ecr.us-east-1.amazonaws.com/shared/tools`;
// An empty image index references no blobs, so PutImage needs nothing uploaded first.
const EMPTY_INDEX = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });

describe('Language features: images of other accounts', () => {
  let digest: string;
  let api: Awaited<ReturnType<typeof activateExtension>>;

  before(async () => {
    api = await activateExtension();
    // Account 222222222222's us-east-1 registry, made by account 111111111111's request (the sandbox honours registryId).
    const client = sdkClient(0);
    await client.send(new CreateRepositoryCommand({ registryId: OTHER, repositoryName: 'shared/tools' }));
    const put = await client.send(new PutImageCommand({ registryId: OTHER, repositoryName: 'shared/tools', imageTag: '1.0', imageManifest: EMPTY_INDEX }));
    assert.ok(put.image?.imageId?.imageDigest);
    digest = put.image.imageId.imageDigest;
  });

  after(async () => {
    await sdkClient(0).send(new DeleteRepositoryCommand({ registryId: OTHER, repositoryName: 'shared/tools', force: true }));
  });

  it("looks another account's image up through the registry of the same region, and says whose it is", async () => {
    const document = await untitled('dockerfile', `FROM ${SHARED}:1.0\nFROM ${SHARED}:nope\nFROM 999999999999.dkr.ecr.ap-south-1.amazonaws.com/web:1\n`);
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.range.start.line === 1));
    assert.deepEqual(summary(diagnostics), [
      [0, 'Information', 'shared/tools:1.0 has not been scanned.'],
      [1, 'Error', `Tag "nope" not found in repository "shared/tools" (account ${OTHER} (us-east-1), read through sandbox-east (us-east-1)).`],
    ]);
    const hover = await hoverText(document, rangeOf(document, 0, `${SHARED}:1.0`).start.translate(0, 3));
    assert.ok(hover.includes(`Tag \`1.0\` → \`${digest}\``), hover);
    assert.match(hover, /`shared\/tools` - account 222222222222, us\\-east\\-1, through sandbox\\-east \\\(us\\-east\\-1\\\)\n/);
    // No reachable registry in that region: nothing to look it up through.
    assert.match(await hoverText(document, rangeOf(document, 2, '999999999999.dkr.ecr.ap-south-1.amazonaws.com/web:1').start), /no configured registry for account 999999999999 in ap\\-south\\-1/);
  });

  it("opens the findings of the other account's image and explains that the view does not list it", async () => {
    const target = { registryId: await sandboxEastId(), registryAccountId: OTHER, repository: 'shared/tools', digest, tag: '1.0' };
    // Asked of account 111111111111 instead, ECR would answer "repository not found" and the command would fail.
    const uri = await vscode.commands.executeCommand<string | undefined>('ecr.showImageFindings', target);
    assert.ok(uri, 'a findings document was opened');
    const markdown = api.testing.documents.contentOf(vscode.Uri.parse(uri)) ?? '';
    assert.ok(markdown.includes(digest), markdown);
    assert.equal(await vscode.commands.executeCommand('ecr.revealInExplorer', target), undefined, 'nothing to reveal, and no error');
  });
});

/** The RegistrySource id of sandbox-east, as the hover links carry it. */
async function sandboxEastId(): Promise<string> {
  const document = await untitled('dockerfile', `FROM ${SHARED}:1.0\n`);
  const hover = await hoverText(document, rangeOf(document, 0, `${SHARED}:1.0`).start.translate(0, 3));
  const link = /\(command:ecr\.revealInExplorer\?([^)]*)\)/.exec(hover);
  assert.ok(link, hover);
  const [target] = JSON.parse(decodeURIComponent(link[1])) as [{ registryId: string; registryAccountId?: string }];
  assert.equal(target.registryAccountId, OTHER, 'the link carries the account');
  return target.registryId;
}
