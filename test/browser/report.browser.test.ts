/**
 * `claude-gateway report` in a real headless Chromium: the page the CLI wrote, loaded from disk with
 * JavaScript off, every request it makes recorded (only the page itself may be fetched), the DOM
 * checked (winners, struck values, masked secrets, diagnostics beside their cells), light and dark
 * schemes, print, and a screenshot at 1280×800.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, pngSize } from '../helpers/browser';
import { runCli } from '../helpers/cli-io';
import { copyExampleLayout, makeRootLayout, TOKEN, TOKEN_PIECE, type RootLayout } from '../helpers/cli-world';
import { makeTmp, removeTmp } from '../helpers/tmp';

const available = chromiumAvailable();
const URL_PASSWORD = 'hunter2-Url-Pass';

describe.skipIf(!available)('the report in headless Chromium', () => {
  let browser: Browser;
  let out: string;
  const layouts: RootLayout[] = [];
  let examplePage: string;
  let richPage: string;

  /** The CLI writes the report of a layout to a file. */
  async function report(l: RootLayout, name: string, env: Record<string, string> = {}, extra: string[] = []): Promise<string> {
    const file = join(out, name);
    const r = await runCli(['report', ...l.where, '--output', file, ...extra], { env });
    expect(r.code, r.stderr).toBe(0);
    return file;
  }

  /** Opens a file with JavaScript off, recording every request. */
  async function open(
    file: string,
    options: { javaScript?: boolean; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<{ page: Page; context: BrowserContext; requests: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      javaScriptEnabled: options.javaScript === true,
      colorScheme: options.colorScheme ?? 'light',
    });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, context, requests };
  }

  beforeAll(async () => {
    out = makeTmp('cgc-report-browser-');
    browser = await launchChromium();
    const example = copyExampleLayout();
    layouts.push(example);
    examplePage = await report(example, 'example.html', { ANTHROPIC_BASE_URL: 'https://shell-export.example' });
    const rich = makeRootLayout({
      '/home/u/.claude/settings.json': { env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: `https://dev:${URL_PASSWORD}@gw.example` } },
      '/etc/claude-code/managed-settings.json': { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Note: <img src="http://127.0.0.1:9/leak.png">' } },
      '/home/u/proj/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'https://repo.example/<b>bold</b>' } },
    });
    layouts.push(rich);
    richPage = await report(rich, 'rich.html');
  });

  afterAll(async () => {
    await browser?.close();
    for (const l of layouts) l.cleanup();
    if (out) removeTmp(out);
  });

  it('loads nothing but the page itself, with JavaScript off', async () => {
    for (const file of [examplePage, richPage]) {
      const { page, context, requests } = await open(file);
      await page.waitForLoadState('networkidle');
      expect(requests).toEqual([pathToFileURL(file).href]);
      // The markup a value carried is text, not an element.
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
      await context.close();
    }
    const { page, context } = await open(richPage);
    await expect(page.locator('body').innerText()).resolves.toContain('https://repo.example/<b>bold</b>');
    await expect(page.locator('body').innerText()).resolves.toContain('<img src="http://127.0.0.1:9/leak.png">');
    await context.close();
  });

  it('marks the winners and strikes what they overrode (the example layout)', async () => {
    const { page, context } = await open(examplePage);
    const base = page.locator('tr[data-name="ANTHROPIC_BASE_URL"]');
    await expect(base.locator('td[data-state="winner"]').innerText()).resolves.toContain('https://llm-gateway.acme.example');
    const struck = await base.locator('del').allInnerTexts();
    expect(struck.join(' ')).toContain('https://old-gateway.acme.example');
    expect(struck.join(' ')).toContain('https://shell-export.example');
    // The winner sits under the managed file's column: same index in the header row.
    const headers = await page.locator('table.matrix thead th').allInnerTexts();
    const cells = base.locator('th, td');
    const states = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(headers[states.indexOf('winner')]).toContain('managed · file');
    // The invalid project file: its column says so, and the diagnostic's fix is on the page.
    await expect(page.locator('th[data-status="invalid"]').innerText()).resolves.toContain('settings-jsonc');
    await expect(page.locator('#diagnostics').innerText()).resolves.toContain('settings-jsonc');
    await context.close();
  });

  it('masks the credentials and the password in a URL', async () => {
    const { page, context } = await open(richPage);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(TOKEN_PIECE);
    expect(text).not.toContain(URL_PASSWORD);
    expect(text).toContain('ANTHROPIC_AUTH_TOKEN');
    await expect(page.locator('tr[data-name="ANTHROPIC_AUTH_TOKEN"] td[data-state="winner"]').innerText()).resolves.toMatch(/redacted/);
    // The repository's value waits for trust in an interactive session.
    await expect(page.locator('tr[data-name="ANTHROPIC_BASE_URL"] td[data-state="pending-trust"]').count()).resolves.toBe(1);
    // And the diagnostic says what to do about it.
    await expect(page.locator('#diagnostics').innerText()).resolves.toMatch(/trust-pending[\s\S]*Fix: Accept the trust dialog/);
    await context.close();
  });

  it('reads at a glance on a 1280×800 screen: the matrix starts on the first screen, nothing spills sideways', async () => {
    const { page, context } = await open(examplePage, { javaScript: true });
    const box = await page.locator('table.matrix').boundingBox();
    expect(box?.y).toBeLessThan(800);
    // Expressions evaluated in the page (this file is compiled without the DOM's types).
    const widths = await page.evaluate<{ doc: number; view: number }>('({ doc: document.documentElement.scrollWidth, view: window.innerWidth })');
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    const shot = await page.screenshot({ path: join(out, 'example-1280x800.png') });
    expect(pngSize(shot)).toEqual({ width: 1280, height: 800 });
    await context.close();
  });

  it('follows prefers-color-scheme', async () => {
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await open(examplePage, { javaScript: true, colorScheme });
      colours.push(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor'));
      await context.close();
    }
    expect(colours[0]).toBe('rgb(255, 255, 255)');
    expect(colours[1]).not.toBe(colours[0]);
  });

  it('prints: light colours, nothing sticky, a PDF of the whole page', async () => {
    const { page, context } = await open(examplePage, { javaScript: true, colorScheme: 'dark' });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate<{ background: string; sticky: number; overflow: string }>(`({
      background: getComputedStyle(document.body).backgroundColor,
      sticky: [...document.querySelectorAll('th')].filter((e) => getComputedStyle(e).position === 'sticky').length,
      overflow: getComputedStyle(document.querySelector('.scroll')).overflowX,
    })`);
    expect(printed).toEqual({ background: 'rgb(255, 255, 255)', sticky: 0, overflow: 'visible' });
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(out, 'example.pdf'), pdf);
    await context.close();
  });
});
