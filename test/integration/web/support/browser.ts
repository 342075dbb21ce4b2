import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { setup, SetupOptions, TestApp } from '../../../utils/setup';

/** Debian's Chromium (installed by .ci/run when missing); playwright-core downloads no browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

export interface WebTest {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser context (its own sessionStorage) on `path`, with `?token=` when given. */
  open: (path: string, token?: string) => Promise<Page>;
  /** Page errors and Content-Security-Policy violations seen on any page so far. */
  problems: string[];
  close: () => Promise<void>;
}

/**
 * The app listening on a random local port and one browser for the whole test file. Every page
 * is watched for script errors and CSP violations, so a page that only works by breaking the
 * policy fails its test.
 */
export async function startWeb(options: SetupOptions = {}): Promise<WebTest> {
  const t = await setup(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    await t.close();
    throw new Error(`could not start ${CHROMIUM} (.ci/run installs Debian's chromium): ${(error as Error).message}`);
  }
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  return {
    t,
    browser,
    baseUrl,
    problems,
    open: async (path, token) => {
      const context = await browser.newContext({ baseURL: baseUrl, acceptDownloads: true });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
      });
      const address = token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path;
      await page.goto(address);
      return page;
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}

/** Pastes a token into the sign-in form, as a person would. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The visible text of a page's main region, once `expected` has appeared in it. */
export async function mainTextOnce(page: Page, expected: string | RegExp): Promise<string> {
  await page.locator('main').getByText(expected).first().waitFor();
  return page.locator('main').innerText();
}

/** Rows of a table (found by its caption) as arrays of cell texts, header cells included. */
export async function tableRows(page: Page, caption: string | RegExp): Promise<string[][]> {
  const table = page.locator('table').filter({ has: page.locator('caption', { hasText: caption }) });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children).map((cell) => (cell as unknown as { innerText: string }).innerText.trim())));
}
