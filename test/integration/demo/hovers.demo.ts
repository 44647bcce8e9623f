// The demo's deploy files name images the sandbox has: hovering any of them shows the image,
// and the scanned ones show their findings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from '../helpers';
import { hoverText } from '../language/support';
import { sandboxInfo } from '../sandbox';

const FILES = ['deploy/compose.yaml', 'deploy/k8s/deployment.yaml', 'deploy/ecs/taskdef.json'];

describe('Demo: hovers in the sample deploy files', function () {
  this.timeout(60_000);

  before(() => activateExtension());

  it('every sandbox image in compose, Kubernetes and ECS files hovers with its digest, and web:latest with its critical findings', async () => {
    const hosts = sandboxInfo().registries.map((r) => r.host);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the demo workspace is open');
    let images = 0;
    for (const file of FILES) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, file));
      await vscode.window.showTextDocument(document, { preview: false });
      for (let line = 0; line < document.lineCount; line++) {
        const text = document.lineAt(line).text;
        const host = hosts.find((h) => text.includes(`${h}/`));
        if (!host) continue;
        images++;
        const hover = await hoverText(document, new vscode.Position(line, text.indexOf(host) + 2));
        assert.match(hover, /sha256:[0-9a-f]{12}/, `${file}:${line + 1} ${text.trim()}\n${hover}`);
        if (text.includes('/web:latest')) assert.match(hover, /CRITICAL/, `${file}:${line + 1}\n${hover}`);
      }
    }
    assert.ok(images >= 6, `only ${images} sandbox images in the demo's deploy files`);
  });
});
