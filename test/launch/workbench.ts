// Opens the VS Code web workbench in headless Debian Chromium and lets tests inside the
// extension host look at it (screenshots, visible rows) through a small loopback HTTP API.
import { mkdirSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  readonly page: Page;
  /** URLs that pages other than the workbench (windows it opened) navigated to. */
  readonly opened: readonly string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(url: string, screenshotDir: string): Promise<Workbench> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const opened: string[] = [];
  context.on('request', (request) => {
    if (!request.isNavigationRequest()) return;
    let inWorkbench = false;
    try {
      inWorkbench = request.frame().page() === page;
    } catch {
      // A new window's first request comes before its frame exists.
    }
    if (!inWorkbench) opened.push(request.url());
  });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return {
    page,
    opened,
    async screenshot(name) {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
}

/** What a test may ask of the workbench page. */
export interface UiRequest {
  readonly action: 'screenshot' | 'query' | 'frameTexts' | 'hover' | 'click' | 'rightClick' | 'press' | 'opened' | 'log' | 'watchHover' | 'hoverShownAt' | 'collectGarbage' | 'addStyle';
  readonly text?: string;
  readonly name?: string;
  readonly selector?: string;
  readonly keys?: string;
}

export interface UiElement {
  readonly text: string;
  readonly ariaLabel: string | null;
  readonly visible: boolean;
}

/** Serves UiRequests on loopback; the URL goes to the extension host in ECR_TEST_UI. */
export async function serveUi(getWorkbench: () => Workbench | undefined, print: (line: string) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    try {
      const request = JSON.parse(await readBody(req)) as UiRequest;
      if (request.action === 'log') {
        for (const line of (request.text ?? '').split('\n')) print(line);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const workbench = getWorkbench();
      if (!workbench) throw new Error('the workbench is not open yet');
      const answer = await handle(workbench, request);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function handle(workbench: Workbench, request: UiRequest): Promise<unknown> {
  const { page } = workbench;
  switch (request.action) {
    case 'screenshot':
      return { path: await workbench.screenshot(request.name ?? 'screenshot') };
    case 'query':
      return page.$$eval(request.selector ?? 'body', (elements) =>
        elements.map((e) => {
          // Runs in the page; typed structurally because this project compiles without the DOM lib.
          const el = e as unknown as { innerText?: string; getBoundingClientRect(): { width: number; height: number } };
          const box = el.getBoundingClientRect();
          return {
            text: (el.innerText ?? e.textContent ?? '').replace(/\s+/g, ' ').trim(),
            ariaLabel: e.getAttribute('aria-label'),
            visible: box.width > 0 && box.height > 0,
          };
        }),
      );
    case 'frameTexts': {
      // What webviews (markdown previews, reports) render: each frame's text but the workbench's own.
      const texts: string[] = [];
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const text = await frame.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '');
        if (text.trim()) texts.push(text);
      }
      return { texts };
    }
    case 'hover':
      await page.hover(request.selector ?? 'body', { timeout: 10_000 });
      return {};
    case 'click':
      // Playwright selectors: CSS plus :has-text(), so a test can name a button by its label.
      await page.locator(request.selector ?? 'body').first().click({ timeout: 10_000 });
      return {};
    case 'rightClick':
      // A context menu, as a person opens it; its items are then clicked like any element.
      await page.locator(request.selector ?? 'body').first().click({ button: 'right', timeout: 10_000 });
      return {};
    case 'opened':
      return { urls: workbench.opened };
    case 'press':
      await page.keyboard.press(request.keys ?? 'Escape');
      return {};
    case 'watchHover':
      await page.evaluate(WATCH_HOVER.replace('__TEXT__', JSON.stringify(request.text ?? '')));
      return {};
    case 'hoverShownAt':
      return { at: await page.evaluate('window.__ecrHoverShown') };
    case 'collectGarbage': {
      // Chromium's full GC of the page (DevTools' "Collect garbage"), for benchmarks that start each round alike.
      const session = await page.context().newCDPSession(page);
      try {
        await session.send('HeapProfiler.collectGarbage');
      } finally {
        await session.detach();
      }
      return {};
    }
    case 'addStyle':
      await page.addStyleTag({ content: request.text ?? '' });
      return {};
    case 'log':
      return {};
  }
}

// Page script (a string: this project compiles without the DOM lib). From now on, resolves with
// the wall-clock time (timeOrigin + now, in ms) at which a visible editor hover holding the text
// is in the DOM, or rejects after 30 s.
const WATCH_HOVER = `(() => {
  const text = __TEXT__;
  window.__ecrHoverShown = new Promise((resolve, reject) => {
    const shown = () => [...document.querySelectorAll('.monaco-hover')].some((e) => e.getBoundingClientRect().height > 0 && e.innerText.includes(text));
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(performance.timeOrigin + performance.now());
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('no hover with ' + text + ' within 30 s')); }, 30000);
  });
})()`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(body)).on('error', reject);
  });
}
