import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DeleteRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { requestCounts, resetRequestCounts, sandboxInfo, sdkClient, setFaults } from '../sandbox';
import { assertNotificationShown } from '../ui';
import { codeActions, digestOf, fixtureUri, hoverText, openFixture, rangeOf, summary, untitled, waitForDiagnostics } from './support';

/** What ecr.checkWorkspace returns to its caller. */
interface CheckResult {
  readonly files: number;
  readonly problems: number;
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
}

const host = (i = 0) => sandboxInfo().registries[i].host;
const has = (line: number, severity: vscode.DiagnosticSeverity) => (ds: vscode.Diagnostic[]) => ds.some((d) => d.range.start.line === line && d.severity === severity);

describe('Language features: hovers, diagnostics and quick fixes', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await setFaults('reset');
  });

  it('diagnoses a Dockerfile: findings, missing tag and repository, unscanned, failed scan, malformed; ignores silenced, variable and non-ECR images', async () => {
    const document = await openFixture('Dockerfile');
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.length >= 6);
    const got = summary(diagnostics);
    assert.deepEqual(got.slice(0, 5), [
      [1, 'Warning', '2 vulnerabilities at HIGH or above in web:latest (C1 H1)'],
      [2, 'Information', 'immutable-api:v2 has not been scanned.'],
      [3, 'Error', 'Tag "no-such-tag" not found in repository "web" (registry 111111111111 (us-east-1)).'],
      [4, 'Error', 'Repository "no-such-repo" does not exist in registry 111111111111 (us-east-1).'],
      [7, 'Error', 'Invalid ECR image reference: uppercase letters are not allowed in a repository name.'],
    ]);
    assert.equal(got.length, 6, JSON.stringify(got));
    assert.deepEqual(got[5].slice(0, 2), [9, 'Information']);
    assert.match(got[5][2], /^The scan of unsupported-os:1\.0 did not complete \(FAILED\): UnsupportedImageError/);
    const byLine = new Map(diagnostics.map((d) => [d.range.start.line, d]));
    assert.deepEqual(byLine.get(1)?.range, rangeOf(document, 1, `${host()}/web:latest`), 'the range is the image string');
    assert.deepEqual(byLine.get(7)?.range, rangeOf(document, 7, `${host()}/Web:1`));
    const code = byLine.get(1)?.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'vulnerabilities');
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'ecr.showImageFindings');
    assert.deepEqual(JSON.parse(code.target.query), [{ registryId: JSON.parse(code.target.query)[0].registryId, repository: 'web', digest: await digestOf('web', 'latest'), tag: 'latest' }]);
  });

  it('shows the image, digest, registry, scan counts, top findings and command links in the hover', async () => {
    const document = await openFixture('Dockerfile');
    const text = await hoverText(document, rangeOf(document, 1, `${host()}/web:latest`).start.translate(0, 3));
    const digest = await digestOf('web', 'latest');
    assert.ok(text.includes(`Tag \`latest\` → \`${digest}\``), text);
    assert.match(text, /`web` - account 111111111111, us\\-east\\-1, profile sandbox\\-east\n/);
    assert.match(text, /Pushed \d{4}-\d\d-\d\dT[\d:]+Z · size [\d.]+ (B|KB|MB)/);
    assert.match(text, /Scan: \*\*COMPLETE\*\*/);
    assert.match(text, /\*\*6\*\* findings: C1 H1 M1 L1 I1 U1/);
    assert.ok(text.includes('| [CVE\\-2023\\-0001](https://security-tracker.debian.org/tracker/CVE-2023-0001) | CRITICAL | busybox 1\\:1\\.35\\.0\\-4 | no fix yet |'), text);
    assert.equal(text.split('\n').filter((l) => l.startsWith('| [CVE')).length, 5, 'top 5');
    for (const command of ['ecr.showImageFindings', 'ecr.scanImage', 'ecr.revealInExplorer', 'ecr.copyImageDigest']) assert.ok(text.includes(`](command:${command}?`), command);
  });

  it('shows enhanced findings with "fixed in" for the second account (compose file)', async () => {
    const document = await openFixture('compose.yaml');
    const text = await hoverText(document, rangeOf(document, 4, `${host(1)}/payments/api:v3.4.1`).start.translate(0, 2));
    assert.match(text, /`payments\/api` - account 222222222222, eu\\-west\\-1, profile sandbox\\-west\n/);
    assert.ok(text.includes(`\`${await digestOf('payments/api', 'v3.4.1', 1)}\``));
    assert.match(text, /\| \[?CVE\\-2024\\-1001\]?.* \| CRITICAL \| busybox .* \| 1\\:1\\\.35\\\.0\\-4\\\+deb12u1 \|/);
  });

  it('explains unresolved references, has no hover for non-ECR images, and names an unknown account', async () => {
    const document = await openFixture('Dockerfile');
    assert.equal(await hoverText(document, rangeOf(document, 11, `${host()}/web:\${TAG}`).start.translate(0, 2)), '**ECR image** - not looked up: the reference uses variable $\\{TAG\\} with no default.');
    assert.equal(await hoverText(document, rangeOf(document, 12, 'debian:12').start), '');
    const k8s = await openFixture('k8s/deployment.yaml');
    assert.match(await hoverText(k8s, rangeOf(k8s, 11, '999999999999.dkr.ecr.ap-south-1.amazonaws.com/web:latest').start), /no configured registry for account 999999999999 in ap\\-south\\-1/);
  });

  it('resolves an ECR host name to the registry of that account and region (Kubernetes manifest)', async () => {
    const document = await openFixture('k8s/deployment.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, has(9, vscode.DiagnosticSeverity.Warning));
    assert.deepEqual(summary(diagnostics), [[9, 'Warning', '2 vulnerabilities at HIGH or above in team-a/web.app_1:main (C1 H1)']]);
    assert.deepEqual(diagnostics[0].range, rangeOf(document, 9, '111111111111.dkr.ecr.us-east-1.amazonaws.com/team-a/web.app_1:main'));
  });

  it('follows ecr.diagnostics.minimumSeverity and the per-kind switches', async () => {
    const document = await openFixture('k8s/deployment.yaml');
    await waitForDiagnostics(document.uri, has(9, vscode.DiagnosticSeverity.Warning));
    const config = vscode.workspace.getConfiguration('ecr');
    try {
      await config.update('diagnostics.minimumSeverity', 'MEDIUM', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.message === '3 vulnerabilities at MEDIUM or above in team-a/web.app_1:main (C1 H1 M1)'));
      await config.update('diagnostics.enabled', { vulnerabilities: false }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0);
    } finally {
      await config.update('diagnostics.minimumSeverity', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.message.startsWith('2 vulnerabilities at HIGH')));
  });

  it('pins a tag to its digest with a quick fix', async () => {
    const image = `${host()}/web:latest`;
    const document = await untitled('dockerfile', `FROM ${image}\n`);
    await waitForDiagnostics(document.uri, has(0, vscode.DiagnosticSeverity.Warning));
    const actions = await codeActions(document, rangeOf(document, 0, image));
    const pin = actions.find((a) => a.title === `Pin ${image} to its digest`);
    assert.ok(pin?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    assert.equal(document.getText(), `FROM ${image}@${await digestOf('web', 'latest')}\n`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('silences a reference with a "# ecr-ignore" line above it (YAML)', async () => {
    const image = `${host()}/web:no-such-tag`;
    const yaml = await untitled('yaml', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: ${image}\n`);
    await waitForDiagnostics(yaml.uri, has(5, vscode.DiagnosticSeverity.Error));
    const silence = (await codeActions(yaml, rangeOf(yaml, 5, image))).find((a) => a.title.includes('ecr-ignore'));
    assert.ok(silence?.edit);
    assert.ok(await vscode.workspace.applyEdit(silence.edit));
    assert.equal(yaml.lineAt(5).text, '      # ecr-ignore');
    await waitForDiagnostics(yaml.uri, (ds) => ds.length === 0, 5_000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers "// ecr-ignore" in JSON with comments and no such fix in plain JSON', async () => {
    const jsonc = await openFixture('ecs/taskdef.jsonc');
    await waitForDiagnostics(jsonc.uri, has(6, vscode.DiagnosticSeverity.Information));
    const jsoncFix = (await codeActions(jsonc, rangeOf(jsonc, 6, `${host()}/immutable-api:v1`))).find((a) => a.title.includes('ecr-ignore'));
    const edits = jsoncFix?.edit?.get(jsonc.uri) ?? [];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[6, '      // ecr-ignore\n']]);

    const json = await openFixture('ecs/taskdef.json');
    await waitForDiagnostics(json.uri, has(3, vscode.DiagnosticSeverity.Information));
    const titles = (await codeActions(json, rangeOf(json, 3, `${host()}/immutable-api:v1`))).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Pin ')), titles.join(', '));
    assert.ok(!titles.some((t) => t.includes('ecr-ignore')), 'JSON has no comments');
  });

  it('refreshes diagnostics after an edit (debounced)', async () => {
    const document = await untitled('dockerfile', `FROM ${host()}/clean-app:1.0\n`);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(summary(await waitForDiagnostics(document.uri, () => true)), []);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((b) => b.replace(rangeOf(document, 0, '1.0'), '9.9'));
    assert.deepEqual(summary(await waitForDiagnostics(document.uri, (ds) => ds.length > 0)), [
      [0, 'Error', 'Tag "9.9" not found in repository "clean-app" (registry 111111111111 (us-east-1)).'],
    ]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('never shows a closed document\'s late diagnostics on a document of the same name opened after it', async () => {
    const reference = `${host()}/clean-app:gone-${Date.now()}`;
    const opened: vscode.TextDocument[] = [];
    // Slow answers: the closed document's lookup is still in flight when the next one opens.
    await setFaults({ latencyMs: 3000 });
    try {
      const closed = await untitled('dockerfile', `FROM ${reference}\n`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // Untitled documents reuse the name of one closed before: the same URI, other text.
      const reopened = await untitled('dockerfile', 'FROM scratch\n');
      opened.push(reopened);
      assert.equal(reopened.uri.toString(), closed.uri.toString(), 'the new untitled document takes the closed one\'s name');
      // The first lookup, still in flight, ends no earlier than this one for the same reference.
      const witness = await untitled('dockerfile', `FROM ${reference}\n`);
      opened.push(witness);
      await waitForDiagnostics(witness.uri, (ds) => ds.length > 0);
      assert.deepEqual(summary(vscode.languages.getDiagnostics(reopened.uri)), []);
    } finally {
      await setFaults({ latencyMs: 0 });
      for (const document of opened.filter((d) => !d.isClosed)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });

  it('starts a scan from the quick fix and updates the diagnostic', async () => {
    const image = `${host()}/lifecycle-demo:feature-x`;
    const document = await untitled('dockerfile', `FROM ${image}\n`);
    const [before] = await waitForDiagnostics(document.uri, (ds) => ds.length > 0);
    assert.equal(before.message, 'lifecycle-demo:feature-x has not been scanned.');
    const scan = (await codeActions(document, rangeOf(document, 0, image))).find((a) => a.command?.command === 'ecr.scanImage');
    assert.ok(scan?.command, 'a start-scan quick fix');
    assert.equal(await vscode.commands.executeCommand(scan.command.command, ...(scan.command.arguments ?? [])), 'COMPLETE');
    const [after] = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    assert.match(after.message, /^\d+ vulnerabilit(y|ies) at HIGH or above in lifecycle-demo:feature-x \(C\d/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens findings, copies the digest and reveals the image in the ECR view from the hover links', async () => {
    const api = await activateExtension();
    const digest = await digestOf('web', 'latest');
    const document = await openFixture('Dockerfile');
    const [target] = JSON.parse(decodeURIComponent(/\(command:ecr\.showImageFindings\?([^)]*)\)/.exec(await hoverText(document, rangeOf(document, 1, `${host()}/web:latest`).start))?.[1] ?? '[]'));
    assert.equal(target.digest, digest);
    const uri = await vscode.commands.executeCommand<string>('ecr.showImageFindings', target);
    const findings = api.testing.documents.contentOf(vscode.Uri.parse(uri)) ?? '';
    assert.match(findings, /# Scan findings: .*web/);
    assert.match(findings, /CVE\\-2023\\-0001/);
    assert.equal(await vscode.commands.executeCommand('ecr.copyImageDigest', target), digest);
    assert.equal(await vscode.env.clipboard.readText(), digest);
    const revealed = await vscode.commands.executeCommand<string>('ecr.revealInExplorer', target);
    assert.ok(revealed.endsWith(`/web@${digest}`), revealed);
    const view = (api.testing as { explorerView?: vscode.TreeView<{ id: string }> }).explorerView;
    if (view) assert.equal(view.selection[0]?.id, revealed, 'the image is selected in the view');
  });

  it('reports a registry whose credentials fail once per document, then recovers', async () => {
    const document = await openFixture('creds/compose.yaml');
    await waitForDiagnostics(document.uri, (ds) => ds.length >= 2);
    await setFaults({ expiredCredentials: true });
    await vscode.commands.executeCommand('ecr.refresh');
    const failing = await waitForDiagnostics(document.uri, (ds) => ds.length === 1 && /expired/.test(ds[0].message));
    assert.equal(failing[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(failing[0].range, rangeOf(document, 2, `${host(1)}/payments/api:v3.4.1`), 'on the first reference');
    assert.match(failing[0].message, /^ECR images of .* cannot be checked: The AWS credentials of .* have expired/);
    await setFaults('reset');
    await vscode.commands.executeCommand('ecr.refresh');
    await waitForDiagnostics(document.uri, (ds) => ds.length >= 2 && !ds.some((d) => /expired/.test(d.message)));
  });

  it('checks the whole workspace with ecr.checkWorkspace, including files that are not open, and says what it found', async () => {
    const result = await vscode.commands.executeCommand<CheckResult>('ecr.checkWorkspace');
    assert.ok(result.files >= 6, JSON.stringify(result));
    assert.ok(result.warnings >= 1 && result.notes >= 1 && result.errors + result.warnings + result.notes >= 8, JSON.stringify(result));
    assert.equal(result.problems, result.errors + result.warnings, 'notes ("has not been scanned") are not problems');
    await assertNotificationShown(`Checked ${result.files} file(s) for ECR image references: ${result.errors} error(s), ${result.warnings} warning(s), ${result.notes} note(s).`);
    const diagnostics = await waitForDiagnostics(fixtureUri('ecs/taskdef.json'), (ds) => ds.length > 0);
    assert.deepEqual(summary(diagnostics), [
      [3, 'Information', 'immutable-api:v1 has not been scanned.'],
      [4, 'Warning', '2 vulnerabilities at HIGH or above in web:latest (C1 H1)'],
    ]);
  });

  it('checks many files naming one repository with a few DescribeImages calls, not one per file', async () => {
    const files = 60;
    const repository = `it-check/web-${Date.now()}`;
    const folder = fixtureUri(repository.replace('/', '-'));
    const ecr = sdkClient(0);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
    try {
      for (let i = 0; i < files; i++) {
        // An image index without manifests: PutImage needs nothing uploaded first; the annotation makes each digest its own.
        const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { i: String(i) } });
        await ecr.send(new PutImageCommand({ repositoryName: repository, imageTag: `v${i}`, imageManifest: index }));
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `Dockerfile.${i}`), new TextEncoder().encode(`FROM ${host()}/${repository}:v${i}\n`));
      }
      await resetRequestCounts();
      const result = await vscode.commands.executeCommand<CheckResult>('ecr.checkWorkspace');
      const calls = (await requestCounts()).DescribeImages ?? 0;
      assert.ok(result.files >= files, JSON.stringify(result));
      assert.ok(calls < files / 2, `${calls} DescribeImages calls for ${files} files of one repository (and the fixtures)`);
      const diagnostics = await waitForDiagnostics(vscode.Uri.joinPath(folder, 'Dockerfile.7'), (ds) => ds.length > 0);
      assert.deepEqual(summary(diagnostics), [[0, 'Information', `${repository}:v7 has not been scanned.`]]);
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: repository, force: true }));
    }
  });
});
