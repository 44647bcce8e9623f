// The explorer and hovers against an ECR emulator (LocalStack-style answers, see the sandbox's
// `emulator` switches): what can work works, what cannot says why, and nothing asks ECR in a loop.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, untitled } from '../language/support';
import { requestCounts, resetRequestCounts, setFaults } from '../sandbox';
import { EAST, find, refreshAll, rows } from './tree';

const ALL_ON = { awsHostsInUris: true, noDescribeRegistry: true, expiredTokens: true, configSizeOnly: true };

describe('Explorer and hovers with an ECR emulator', () => {
  afterEach(async () => {
    await setFaults('reset');
    await refreshAll();
  });

  it('shows the tree and hovers an image named with the AWS host, with one token per registry', async () => {
    await setFaults({ emulator: ALL_ON });
    await resetRequestCounts();
    await refreshAll();
    const web = await find(EAST, 'web');
    const latest = (await rows(web.node)).find((r) => /\blatest\b/.test(r.label));
    assert.ok(latest, 'web:latest is listed');
    assert.match(latest.tooltip, /Size: [\d,]+ bytes/);

    const document = await untitled('dockerfile', 'FROM 111111111111.dkr.ecr.us-east-1.amazonaws.com/web:latest\n');
    const position = new vscode.Position(0, 30);
    const hover = await hoverText(document, position);
    assert.match(hover, /\*\*ECR image\*\*/);
    assert.match(hover, /size /);
    for (let i = 0; i < 5; i++) await hoverText(document, position);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const counts = await requestCounts();
    // Two registries (east, west): a token each, and DescribeRegistry at most as often as the SDK tries it.
    assert.ok((counts.GetAuthorizationToken ?? 0) <= 2, JSON.stringify(counts));
    assert.ok((counts.DescribeRegistry ?? 0) <= 2 * 3, JSON.stringify(counts));
  });

  it('says why a registry without DescribeRegistry on a local host cannot be shown', async () => {
    await setFaults({ emulator: { noDescribeRegistry: true } });
    await resetRequestCounts();
    await refreshAll();
    const children = await rows((await find(EAST)).node);
    assert.equal(children.length, 1, children.map((r) => r.label).join(' | '));
    assert.match(`${children[0].label} ${children[0].tooltip}`, /does not support DescribeRegistry/);
    const counts = await requestCounts();
    assert.ok((counts.DescribeRegistry ?? 0) <= 2 * 3 * 2, JSON.stringify(counts));
  });
});
