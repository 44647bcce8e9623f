// Asks the launcher (which drives the Chromium page showing this workbench) for screenshots and
// for what is visible. Only the offline launcher offers it; under @vscode/test-electron there is
// no page to look at, and tests that need it are skipped with that reason.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UiElement, UiRequest } from '../launch/workbench';
import { emit } from './output';

export const uiAvailable = Boolean(process.env.ECR_TEST_UI);
export const NO_UI_REASON = 'no workbench page to look at: run through the offline launcher (npm test)';

/** Skips the calling test, saying why, when there is no workbench page. */
export function requireUi(test: Mocha.Context): void {
  if (uiAvailable) return;
  emit(`skipped "${test.currentTest?.title ?? test.test?.title}": ${NO_UI_REASON}`);
  test.skip();
}

async function ask<T>(request: UiRequest): Promise<T> {
  const url = process.env.ECR_TEST_UI;
  if (!url) throw new Error(NO_UI_REASON);
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(request) });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`workbench: ${body.error}`);
  return body;
}

export async function screenshot(name: string): Promise<string> {
  return (await ask<{ path: string }>({ action: 'screenshot', name })).path;
}

export function query(selector: string): Promise<UiElement[]> {
  return ask<UiElement[]>({ action: 'query', selector });
}

/** The text each webview frame renders (markdown previews, reports), read from the page. */
export async function frameTexts(): Promise<string[]> {
  return (await ask<{ texts: string[] }>({ action: 'frameTexts' })).texts;
}

/** Clicks the first element matching a Playwright selector (CSS with :has-text("…")). */
export async function click(selector: string): Promise<void> {
  await ask<unknown>({ action: 'click', selector });
}

/** Opens the context menu of the first element matching a Playwright selector (a right click). */
export async function rightClick(selector: string): Promise<void> {
  await ask<unknown>({ action: 'rightClick', selector });
}

/** Clicks the item of the open context menu whose label starts with `label` (e.g. "Delete Image"). */
export async function chooseFromMenu(label: string): Promise<void> {
  await click(`.monaco-menu .action-item .action-label:has-text("${label}")`);
}

/** Presses keys in the workbench page, e.g. "Shift+F10" (the focused element's context menu). */
export async function press(keys: string): Promise<void> {
  await ask<unknown>({ action: 'press', keys });
}

/** URLs of the browser windows the workbench opened (e.g. through vscode.env.openExternal). */
export async function openedUrls(): Promise<string[]> {
  return (await ask<{ urls: string[] }>({ action: 'opened' })).urls;
}

/** Polls `query(selector)` until `accept` holds or the time is up; returns the last answer. */
export async function waitForElements(selector: string, accept: (elements: UiElement[]) => boolean, timeoutMs = 15_000): Promise<UiElement[]> {
  const deadline = Date.now() + timeoutMs;
  let last: UiElement[] = [];
  while (Date.now() < deadline) {
    last = await query(selector);
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

/** From now on, watches the page for a visible editor hover holding `text` (see hoverShownAt). */
export async function watchHover(text: string): Promise<void> {
  await ask<unknown>({ action: 'watchHover', text });
}

/**
 * Has Chromium collect the workbench page's garbage. The web workbench's hovers get slower with
 * every hover shown until then (see NO_FADE_IN in test/bench/hoverProbe.ts), so a benchmark round
 * starts from this.
 */
export async function collectPageGarbage(): Promise<void> {
  await ask<unknown>({ action: 'collectGarbage' });
}

/** Adds CSS to the workbench page (benchmarks: to measure without one of the workbench's own effects). */
export async function addPageStyle(css: string): Promise<void> {
  await ask<unknown>({ action: 'addStyle', text: css });
}

/** Wall-clock ms (performance.timeOrigin + now) at which the watched hover was in the page's DOM. */
export async function hoverShownAt(): Promise<number> {
  return (await ask<{ at: number }>({ action: 'hoverShownAt' })).at;
}

/**
 * Opens the notification center (the bell) and waits for a notification containing `text`; returns
 * every row there, for messages. The center lists every notification: VS Code shows no toast for a
 * fourth notification within 800 ms, so a quick sequence of steps can leave one only there.
 */
export async function notificationsWith(text: string, timeoutMs = 15_000): Promise<{ shown?: UiElement; rows: UiElement[] }> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    const rows = await waitForElements('.notifications-center .monaco-list-row', (r) => r.some((e) => e.visible && e.text.includes(text)), timeoutMs);
    return { shown: rows.find((e) => e.visible && e.text.includes(text)), rows };
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

/** Asserts a notification containing `text` is listed, when the workbench is there to look at. */
export async function assertNotificationShown(text: string): Promise<void> {
  if (!uiAvailable) return;
  const { shown, rows } = await notificationsWith(text);
  assert.ok(shown, `no notification "${text}" among: ${JSON.stringify(rows.map((r) => r.text))}`);
}
