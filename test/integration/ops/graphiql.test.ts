import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`GraphiQL browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const QUERY = 'query TwoPatients { patients(first: 2) { edges { node { mrn } } } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('GraphiQL over HTTP', () => {
  it('serves the page to browsers and JSON errors to other GET clients', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src[1]).toMatch(/^(\/graphiql\/|data:)/);

    const api = await fetch(server.url, { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type')).not.toContain('text/html');
  });

  it('serves the bundled assets from installed packages and nothing else', async () => {
    const base = server.url.replace('/graphql', '/graphiql');
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'start.js']) {
      const res = await fetch(`${base}/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect((await fetch(`${base}/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/constructor`)).status).toBe(404);
  });
});

describe.skipIf(!hasChromium)('GraphiQL in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a query with the pasted token, loading nothing from other origins', async () => {
    const practiceId = await createPractice(server.database.db);
    const mrns = [(await insertPatient(server.database.db, practiceId)).mrn, (await insertPatient(server.database.db, practiceId)).mrn];
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const origin = new URL(server.url).origin;

    const page = await browser.newPage();
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');

    const setQuery = (q: string) =>
      page.evaluate((text) => {
        (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(text);
      }, q);
    const runAndRead = async (expected: string) => {
      await page.click('.graphiql-execute-button');
      const response = page.locator('.graphiql-response');
      await response.getByText(expected).first().waitFor();
      return (await response.textContent()) ?? '';
    };

    await setQuery(QUERY);
    // GraphiQL picks up the operation name from the editor asynchronously; its tab shows it once it has.
    await page.locator('.graphiql-tab-active', { hasText: 'TwoPatients' }).waitFor();
    // Without a token the API answers UNAUTHENTICATED: proves the token field is what authorizes.
    expect(await runAndRead('UNAUTHENTICATED')).not.toContain(mrns[0]);

    await page.fill('#token', token);
    const text = await runAndRead(mrns[0]!);
    expect(text).toContain(mrns[1]);
    if (process.env.GRAPHIQL_SCREENSHOT) await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT });

    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
