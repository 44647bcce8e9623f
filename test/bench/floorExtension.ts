// The workbench's own share of "click to first row": a throwaway extension whose view container,
// activated by its view like ours, answers with one row at once. Installed into the server's
// extensions folder (the workbench loads one development extension only: ours).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_TITLE = 'Floor Bench';
export const FLOOR_ROW = 'floor-row';

/** Installs the floor extension into `extensionsDir` (before the workbench opens). */
export function installFloorExtension(extensionsDir: string): void {
  const dir = join(extensionsDir, 'bench.floor-bench-0.0.1');
  mkdirSync(join(dir, 'media'), { recursive: true });
  writeFileSync(join(dir, 'media', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24"/></svg>');
  const manifest = {
    name: 'floor-bench',
    publisher: 'bench',
    version: '0.0.1',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: ['onView:floorBench.view'],
    contributes: {
      viewsContainers: { activitybar: [{ id: 'floorBench', title: FLOOR_TITLE, icon: 'media/icon.svg' }] },
      views: { floorBench: [{ id: 'floorBench.view', name: 'Rows' }] },
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'extension.js'),
    `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.window.registerTreeDataProvider('floorBench.view', {
    getChildren: (node) => (node ? [] : ['${FLOOR_ROW}']),
    getTreeItem: (label) => new vscode.TreeItem(label),
  }));
};`,
  );
}
