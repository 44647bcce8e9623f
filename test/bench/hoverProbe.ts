// Runs inside the VS Code extension host for the benchmark: hovers an ECR image in the fixture
// Dockerfile with editor.action.showHover and times each until the workbench page (Chromium) has
// the hover with the image's findings in its DOM. Cold: ecr.cache.ttlSeconds = 0, so every hover
// asks ECR (DescribeImages, then DescribeImageScanFindings); warm: answers from the lookup layer.
// Writes the figures to $ECR_TEST_RESULTS.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension } from '../integration/helpers';
import { openFixture, rangeOf, waitForDiagnostics } from '../integration/language/support';
import { requestCounts, resetRequestCounts, sandboxInfo, setFaults } from '../integration/sandbox';
import { addPageStyle, collectPageGarbage, hoverShownAt, press, waitForElements, watchHover } from '../integration/ui';
import { HOVERS, LATENCIES, type HoverRound } from './hoverRound';

/** In the hover only once the findings arrived (the top findings table). */
const FINDINGS_TEXT = 'CVE-2023-0001';

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * The workbench restarts this CSS animation (100 ms) on its one hover element at every show, and
 * Chromium keeps each finished one on the element until it collects garbage: the hover's style
 * recalculation gets slower with every hover shown since (issue 15). Not switched off by
 * workbench.reduceMotion. Turned off only for the last round, to measure its share.
 */
const NO_FADE_IN = '.monaco-hover.fade-in { animation: none !important; }';

export async function run(): Promise<void> {
  const rounds: HoverRound[] = [];
  let error: string | undefined;
  try {
    await activateExtension();
    const document = await openFixture('Dockerfile');
    await waitForDiagnostics(document.uri, (ds) => ds.length >= 6, 60_000);
    const at = rangeOf(document, 1, `${sandboxInfo().registries[0].host}/web:latest`).start.translate(0, 3);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    editor.selection = new vscode.Selection(at, at);
    const config = vscode.workspace.getConfiguration('ecr');
    for (const latencyMs of LATENCIES) {
      await setFaults({ latencyMs });
      for (const cache of ['cold', 'warm'] as const) {
        await config.update('cache.ttlSeconds', cache === 'cold' ? 0 : undefined, vscode.ConfigurationTarget.Workspace);
        await hoverOnce(); // settles the diagnostics refresh the setting started, and fills the cache when warm
        await resetRequestCounts();
        const times = await hoverRound();
        rounds.push({ latencyMs, cache, times, calls: await requestCounts() });
      }
    }
    await config.update('cache.ttlSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await setFaults('reset');
    const ours = await ourHoverMarkdown(document, at);
    rounds.push({ latencyMs: 0, cache: 'floor', times: await floor(new vscode.Hover('ecr-bench-floor'), 'ecr-bench-floor'), calls: {} });
    rounds.push({ latencyMs: 0, cache: 'markdownFloor', times: await floor(new vscode.Hover(ours), FINDINGS_TEXT), calls: {} });
    const again = await vscode.window.showTextDocument(document, { preview: false });
    again.selection = new vscode.Selection(at, at);
    await addPageStyle(NO_FADE_IN);
    await hoverOnce();
    rounds.push({ latencyMs: 0, cache: 'warmNoFadeIn', times: await hoverRound(), calls: {} });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  writeFileSync(process.env.ECR_TEST_RESULTS ?? '', JSON.stringify({ rounds, error, vscode: vscode.version }));
}

/**
 * HOVERS hovers in a row. Each round starts with the page's garbage collected: the workbench's
 * hover gets slower with every hover shown until Chromium collects garbage (see NO_FADE_IN), so
 * without this a round's figure depended on how many hovers came before it.
 */
async function hoverRound(text = FINDINGS_TEXT): Promise<number[]> {
  await collectPageGarbage();
  const times: number[] = [];
  for (let i = 0; i < HOVERS; i++) times.push(await hoverOnce(text));
  return times;
}

/** One hover, from the command to `text` in the page's DOM; then closes it. */
async function hoverOnce(text = FINDINGS_TEXT): Promise<number> {
  await watchHover(text);
  const started = wallClock();
  await vscode.commands.executeCommand('editor.action.showHover');
  const elapsed = (await hoverShownAt()) - started;
  await press('Escape');
  await waitForElements('.monaco-hover', (hovers) => !hovers.some((h) => h.visible && h.text.includes(text)), 10_000);
  return elapsed;
}

/** The workbench's own share: the same hovers answered at once with `hover` by a provider that does nothing else. */
async function floor(hover: vscode.Hover, text: string): Promise<number[]> {
  const provider = vscode.languages.registerHoverProvider({ language: 'plaintext' }, { provideHover: () => hover });
  try {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'hover here\n' });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    await hoverOnce(text);
    return await hoverRound(text);
  } finally {
    provider.dispose();
  }
}

/** The markdown of our hover at `at` (warm), with its trusted command links, to render it without computing it. */
async function ourHoverMarkdown(document: vscode.TextDocument, at: vscode.Position): Promise<vscode.MarkdownString> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
  const ours = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.includes(FINDINGS_TEXT));
  if (!ours) throw new Error('no hover with the findings to measure the markdown floor with');
  const markdown = new vscode.MarkdownString(ours.value);
  markdown.isTrusted = ours.isTrusted;
  markdown.supportHtml = false;
  return markdown;
}
