/**
 * GraphiQL in a real browser (Debian's chromium, headless, driven by playwright-core), against the
 * API over HTTP on a seeded database: with every request to another host blocked and recorded, the
 * page renders, signs in from its SignIn tab, runs its Dashboard tab with the token in Headers, and
 * shows the answer. A request that tried to leave for another host, a console error or a page
 * error fails the test. The screenshot's path is printed.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/db/seed.js';
import { DASHBOARD_QUERY, DASHBOARD_VARIABLES } from '../../src/graphiql.js';
import { createHttpServer } from '../../src/http-server.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Generous: two busy cores, a 9 MB page, Monaco and its workers.
const PAGE_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface DashboardAnswer {
  reconciliations: { totalCount: number; edges: { node: { reference: string } }[] };
}

/** The text of the Monaco editor under `scope` (its rendered lines; Monaco writes spaces as U+00A0). */
const editorText = (page: Page, scope: string) =>
  page
    .locator(`${scope} .view-lines`)
    .first()
    .evaluate((lines) =>
      [...lines.querySelectorAll('.view-line')]
        .sort(
          (a, b) =>
            Number.parseFloat((a as HTMLElement).style.top) - Number.parseFloat((b as HTMLElement).style.top),
        )
        .map((line) => line.textContent ?? '')
        .join('\n')
        .replaceAll('\u00a0', ' '),
    );

/**
 * What the page loaded, and what its elements point at (icon, stylesheets, scripts, images), that
 * is neither from the page's origin nor inline (data:, blob:).
 */
const foreignResources = (page: Page) =>
  page.evaluate(() => {
    const inline = new Set(['data:', 'blob:', 'about:']);
    const urls = [
      ...performance.getEntriesByType('resource').map((entry) => entry.name),
      ...[...document.querySelectorAll('link[href]')].map((link) => (link as HTMLLinkElement).href),
      ...[...document.querySelectorAll('[src]')].map((element) => (element as HTMLImageElement).src),
    ];
    return urls.filter((url) => {
      const parsed = new URL(url, location.href);
      return !inline.has(parsed.protocol) && parsed.origin !== location.origin;
    });
  });

/** Waits until the response pane shows `pattern`; returns the pane's text. */
async function responseShowing(page: Page, pattern: RegExp): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        text = await editorText(page, '.graphiql-response').catch(() => '');
        return pattern.test(text);
      },
      { timeout: PAGE_MS, interval: 250 },
    )
    .toBe(true);
  return text;
}

/** Replaces the whole text of the editor under `scope`, as a user pasting into it. */
async function replaceEditorText(page: Page, scope: string, text: string) {
  await page.locator(`${scope} .monaco-editor`).first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // Inserted as one piece of text: typing would let the editor close brackets and quotes itself.
  await page.keyboard.insertText(text);
}

// Its own time bound: 20-40 s here alone, more on two busy cores.
describe('GraphiQL in headless Chromium', { timeout: 180_000 }, () => {
  let t: TestApp;
  let server: Server;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const leaving: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: the GraphiQL browser test drives Debian's chromium. Install it (apt-get install chromium) or run .ci/run, which installs it when missing.`,
      );
    }
    t = await createTestApp('graphiql');
    const executor = await t.database.executor();
    try {
      await seed(executor, { scale: 1 });
    } finally {
      await executor.release();
    }
    server = createHttpServer(t.app, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      socketTimeoutMs: 60_000,
      connectionsPerAddress: 0,
      maxConnections: 0,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: PAGE_MS });
    // A fresh profile: no GraphiQL state in localStorage, so the page opens with its default tabs.
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request of the page and its workers that is not for this machine is recorded and refused.
    await context.route(
      (url) => !LOOPBACK.has(url.hostname),
      (route) => {
        leaving.push(`${route.request().method()} ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    await context.routeWebSocket(
      (url) => !LOOPBACK.has(url.hostname),
      (ws) => {
        leaving.push(`WebSocket ${ws.url()}`);
        return ws.close();
      },
    );
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  });

  afterAll(async () => {
    // The page as the test left it, passed or failed.
    if (page) {
      const screenshot = join(tmpdir(), 'reconciliation-api-graphiql.png');
      await page.screenshot({ path: screenshot, timeout: PAGE_MS });
      console.log(`graphiql: screenshot at ${screenshot}`);
    }
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.close();
  });

  it('loads everything from this server, signs in, runs the dashboard and shows its answer', async () => {
    // The page as served: nothing in it is loaded from elsewhere (its icon is inline too).
    const html = await (await t.app.fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html.match(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]*/gi) ?? []).toEqual([]);
    expect(html.match(/url\(\s*["']?(?:https?:)?\/\/[^)]*/gi) ?? []).toEqual([]);
    expect(html).toMatch(/<link rel="icon" href="data:image\//);

    await page.goto(`${base}/graphql`, { waitUntil: 'load', timeout: PAGE_MS });
    // The page and everything it loaded (scripts, styles, fonts, icon) came from here.
    expect(leaving, 'requests that tried to leave for another host').toEqual([]);

    // Rendered, with the two default tabs.
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.allInnerTexts(), { timeout: PAGE_MS }).toEqual(['SignIn', 'Dashboard']);
    await page.locator('.graphiql-query-editor .view-lines').first().waitFor({ timeout: PAGE_MS });

    // Sign in from the first tab.
    await tabs.filter({ hasText: 'SignIn' }).click();
    await expect.poll(() => editorText(page, '.graphiql-query-editor')).toContain('sessionCreate');
    await page.locator('.graphiql-execute-button').click();
    const signedIn = await responseShowing(page, /"token": "[A-Za-z0-9_-]{20,}"/);
    const token = /"token": "([A-Za-z0-9_-]+)"/.exec(signedIn)?.[1];
    expect(signedIn).toContain('"userErrors": []');
    expect(token).toBeTruthy();

    // The Dashboard tab, with the token in its Headers.
    await tabs.filter({ hasText: 'Dashboard' }).click();
    await expect.poll(() => editorText(page, '.graphiql-query-editor')).toContain('query Dashboard');
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers' }).click();
    const headers = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
    await expect.poll(() => editorText(page, headers)).toContain('Authorization');
    await replaceEditorText(page, headers, JSON.stringify({ Authorization: `Bearer ${token}` }));
    await page.keyboard.press('Home');
    await expect.poll(() => editorText(page, headers)).toContain(token);
    await page.locator('.graphiql-execute-button').click();
    const answer = await responseShowing(page, /"totalCount": \d+/);

    // What the page shows is what the API answers for the same query and variables.
    const truth = await t.request<DashboardAnswer, typeof DASHBOARD_VARIABLES>(
      DASHBOARD_QUERY,
      DASHBOARD_VARIABLES,
      {
        token: token ?? null,
      },
    );
    expect(truth.errors).toBeUndefined();
    const { totalCount, edges } = truth.data!.reconciliations;
    expect(totalCount).toBeGreaterThan(0);
    expect(answer).toContain(`"totalCount": ${totalCount}`);
    expect(answer).toContain(`"reference": "${edges[0]!.node.reference}"`);

    // GraphiQL keeps its tabs in localStorage (written 500 ms after a change), but not the
    // headers: the token stays in the page's memory only (shouldPersistHeaders: false). The tabs'
    // query text is left out of the search for 'Bearer': the SignIn tab's comment says where the
    // token goes.
    const stored = () =>
      page.evaluate(() =>
        Object.entries(localStorage).map(([key, value]) => {
          if (key !== 'graphiql:tabState') return `${key}=${value}`;
          const state = JSON.parse(value) as { tabs: { query?: string }[] };
          return `${key}=${JSON.stringify({ ...state, tabs: state.tabs.map((tab) => ({ ...tab, query: '' })) })}`;
        }),
      );
    await expect.poll(async () => (await stored()).join('\n'), { timeout: PAGE_MS }).toContain('Dashboard');
    await page.waitForTimeout(1000);
    expect((await stored()).filter((entry) => /Bearer/i.test(entry) || entry.includes(token!))).toEqual([]);

    expect(leaving, 'requests that tried to leave for another host').toEqual([]);
    expect(await foreignResources(page), 'resources from another origin').toEqual([]);
    expect(errors, 'console and page errors').toEqual([]);
  });
});
