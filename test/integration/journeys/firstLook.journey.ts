// A newcomer's first session: a Dockerfile names an image in ECR; they hover it, open the ECR
// view, find the image there, push a new tag from the Dockerfile, and both the hover and the tree
// follow without a manual refresh.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { hoverText, waitForDiagnostics } from '../language/support';
import { answering } from '../prompts';
import { requireUi, waitForElements } from '../ui';
import { EAST, find } from '../explorer/tree';
import { Journey, ROWS } from './journey';

/** An image row's text is its tags, then its size and age ("v2" + "121 B · just now"). */
function isTag(text: string, tag: string): boolean {
  return text.startsWith(tag) && /^\d+(\.\d+)? (B|KB|MB|GB)\b/.test(text.slice(tag.length));
}

describe('Journey: a Dockerfile, its hover, the ECR view, a push', function () {
  this.timeout(180_000);
  let journey: Journey;
  beforeEach(async () => (journey = await Journey.start()));
  afterEach(() => journey.end());

  it('looks an image up from a Dockerfile, opens the view, pushes a new tag: hover and tree follow', async function () {
    requireUi(this);
    const api = await activateExtension();
    // The repository, created from the palette, with a first image in it.
    const { name, uri, asked, push } = await journey.pushable('web');
    assert.match(asked.join('\n'), /Registry/, asked.join('\n'));
    const first = await push('v1');
    assert.match(first?.digest ?? '', /^sha256:/, JSON.stringify(first));

    // The person opens a Dockerfile built on v1, and a manifest that already names v2.
    const dockerfile = await journey.open('Dockerfile', `FROM ${uri}:v1\nLABEL journey=${journey.id}\n`);
    const fromV1 = new vscode.Position(0, 'FROM '.length + 2);
    const manifest = await journey.open('deploy.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${uri}:v2\n`);
    const atV2 = new vscode.Position(7, '      image: '.length + 2);

    // Hover and diagnostics come first: the view has not been opened in this window yet.
    assert.ok((await hoverText(dockerfile, fromV1)).includes(first.digest!.slice(7, 19)), 'the hover shows the digest of v1');
    await waitForDiagnostics(manifest.uri, (d) => d.some((x) => /not found/i.test(x.message)), 30_000);

    // Opening the view lists the registries (not the "No ECR registries found" welcome).
    await vscode.commands.executeCommand('workbench.view.extension.ecr');
    const registries = await waitForElements(ROWS, (rows) => rows.some((r) => r.visible && r.text.includes(EAST)), 20_000);
    assert.ok(registries.some((r) => r.visible && r.text.includes(EAST)), `rows: ${registries.map((r) => r.text).join(' | ')}`);

    // Expanded to the repository: v1 is there, v2 not yet.
    await api.testing.explorerView.reveal((await find(EAST, name)).node, { expand: true, select: true });
    const before = await waitForElements(ROWS, (rows) => rows.some((r) => r.visible && isTag(r.text, 'v1')));
    assert.ok(before.some((r) => r.visible && isTag(r.text, 'v1')), `rows: ${before.map((r) => r.text).join(' | ')}`);
    assert.ok(!before.some((r) => isTag(r.text, 'v2')));

    // "Build, Tag and Push" from the Dockerfile, answering each question as a person would.
    const questions = await answering([`journey-${journey.id}`, name, 'v2', '', "(the engine's own)"], () => vscode.commands.executeCommand('ecr.buildTagPush', dockerfile.uri));
    assert.ok(questions.some((q) => q.includes('repository')), questions.join('\n'));

    // Without a refresh: the tree shows the new tag, the manifest's diagnostic goes and its hover finds v2.
    const tagged = await waitForElements(ROWS, (rows) => rows.some((r) => r.visible && isTag(r.text, 'v2')), 20_000);
    assert.ok(tagged.some((r) => r.visible && isTag(r.text, 'v2')), `rows: ${tagged.map((r) => r.text).join(' | ')}`);
    await waitForDiagnostics(manifest.uri, (d) => !d.some((x) => /not found/i.test(x.message)), 20_000);
    const hover = await hoverText(manifest, atV2);
    assert.match(hover, /sha256:[0-9a-f]{6,}/);
    assert.doesNotMatch(hover, /not found/i);
  });
});
