import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../helpers/gateway.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = new URL('../../test-artifacts/graphiql.png', import.meta.url).pathname;
const SUBSCRIPTION_SCREENSHOT = new URL('../../test-artifacts/graphiql-subscription.png', import.meta.url)
  .pathname;

// On a developer's machine without Chromium the test is skipped; in CI (which installs it) it must run.
const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for a URL that stays on this machine: loopback, or data held by the page itself. */
function staysLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return LOOPBACK_HOSTS.has(hostname);
}

describe.runIf(runnable)('GraphiQL in a real browser', () => {
  let t: TestGateway;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
    }
    t = await startEmbeddedGateway();
    userDataDir = await mkdtemp(join(tmpdir(), 'graphiql-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 900 },
    });
    context.on('request', (request) => requested.push(request.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('renders offline, runs CatalogueWalk from the saved examples and shows the country', async () => {
    const country = t.sandbox.catalogue.countries.find((c) => c.isoCode === 'IDN');
    const countryName = String(country?.json.name);

    // A navigation sends `accept: text/html`, which is how yoga tells a browser from a GraphQL client.
    const navigation = await page.goto(`${t.url}/graphql`);
    expect((await navigation?.request().allHeaders())?.accept).toContain('text/html');
    expect(navigation?.headers()['content-type']).toMatch(/^text\/html/);
    const queryEditor = page.locator('.graphiql-query-editor');
    await queryEditor.getByText('query CatalogueWalk').waitFor({ timeout: 30_000 });

    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'CatalogueWalk' }).click();

    const response = page.locator('.graphiql-response');
    await response.getByText(`"${countryName}"`).waitFor({ timeout: 30_000 });
    // Monaco draws spaces as no-break spaces.
    const shown = ((await response.textContent()) ?? '').replace(/\u00a0/g, ' ');
    expect(shown).toContain(`"name": "${countryName}"`);
    expect(shown).toContain('"isoCode": "IDN"');

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !staysLocal(url))).toEqual([]);
    // The browser fetches icons outside the page's request events, so the document's own references are checked.
    const referenced = await page.evaluate(() =>
      [...document.querySelectorAll('link[href], script[src], img[src], iframe[src], source[src]')].map(
        (element) => (element as HTMLLinkElement).href || (element as HTMLScriptElement).src,
      ),
    );
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((url) => !staysLocal(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('runs TopUp, then shows WatchTopUp live over SSE: CONFIRMED first, then COMPLETED as it settles', async () => {
    // 3 s × 100: the top-up cannot settle on its own while the browser works; the sandbox's clock is moved on
    // once the page shows the state the watch found, so no step depends on how fast the browser is.
    const held = await startEmbeddedGateway({ SANDBOX_TIME_SCALE: '100' });
    const watchRequests: Record<string, string>[] = [];
    // GraphiQL sends a subscription as an SSE GET (the operation in the query string), other operations as POSTs.
    const onRequest = (request: Request) => {
      const { pathname, searchParams } = new URL(request.url());
      if (pathname === '/graphql' && searchParams.get('operationName') === 'WatchTopUp') {
        watchRequests.push(request.headers());
      }
    };
    page.on('request', onRequest);

    await page.goto(`${held.url}/graphql`);
    // Monaco renders only the lines in view; the run menu lists every operation.
    await page
      .locator('.graphiql-query-editor')
      .getByText('query CatalogueWalk')
      .waitFor({ timeout: 30_000 });
    const response = page.locator('.graphiql-response');
    // Monaco draws spaces as no-break spaces.
    const shown = async () => ((await response.textContent()) ?? '').replace(/\u00a0/g, ' ');

    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'TopUp', exact: true }).click();
    await response.getByText('"CreateTransactionSuccess"').waitFor({ timeout: 30_000 });
    expect(await shown()).toContain('"statusClass": "CONFIRMED"');

    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'WatchTopUp', exact: true }).click();
    await response.getByText('"transactionUpdated"').waitFor({ timeout: 30_000 });
    expect(await shown()).toContain('"statusClass": "CONFIRMED"');
    expect(watchRequests).toHaveLength(1);
    expect(watchRequests[0]?.accept).toContain('text/event-stream');
    // Show the two operations just run: the editor's end, after the last operation, so the cursor selects none.
    await page.locator('.graphiql-query-editor textarea').focus();
    await page.keyboard.press('Control+End');
    await page.locator('.graphiql-query-editor').getByText('subscription WatchTopUp').waitFor();
    await mkdir(dirname(SUBSCRIPTION_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SUBSCRIPTION_SCREENSHOT.replace(/\.png$/, '-confirmed.png') });

    held.sandbox.control.clock.advance(300_000);
    await response.getByText('"COMPLETED"').first().waitFor({ timeout: 30_000 });
    const settled = await shown();
    expect(settled).toContain('"transactionUpdated"');
    expect(settled).toContain('"statusClass": "COMPLETED"');
    expect(settled).not.toContain('CONFIRMED');
    // The subscription completes after the final status: GraphiQL's button turns from Stop back to Execute.
    await page.locator('.graphiql-execute-button[aria-label^="Execute"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: SUBSCRIPTION_SCREENSHOT });

    // The browser bought exactly one top-up, and watched it over the one SSE request.
    expect(held.sandbox.control.engine.all()).toHaveLength(1);
    expect(watchRequests).toHaveLength(1);
    page.off('request', onRequest);
    expect(requested.filter((url) => !staysLocal(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
