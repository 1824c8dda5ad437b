import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Playground browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  const office = await officeWithProvider(server.database.db);
  for (let i = 0; i < 12; i++) {
    const p = await insertPatient(server.database.db, office.practiceId);
    const refs = { patientId: p.id, providerId: office.provider.id, locationId: office.location.id, appointmentTypeId: office.type.id };
    await insertAppointment(server.database.db, office.practiceId, refs, new Date(Date.parse('2026-03-02T14:00:00Z') + i * 3_600_000), { status: 'COMPLETED' });
  }
  token = await server.token(office.practiceId, [Role.ANALYST]);
});

describe.skipIf(!hasChromium)('the analytics playground in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens with metric example tabs; a metric picked in the explorer runs and shows rows', async () => {
    const origin = new URL(server.url).origin;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.fill('#token', token);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    for (const name of ['VisitsByMonth', 'NoShowRateByProvider', 'BookingLeadTimeByProvider']) await page.locator('.graphiql-tab', { hasText: name }).first().waitFor();

    // The schema was asked for before the token was pasted: fetch it again with the token.
    await page.getByRole('button', { name: /re-fetch graphql schema/i }).click();
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    const explorer = page.locator('.graphiql-explorer-root');
    await explorer.getByText('analytics', { exact: true }).click();
    await explorer.getByText('visits', { exact: true }).click();
    // The required period, typed into the explorer's argument fields.
    await explorer.locator('[data-arg-name="from"] input').first().fill('2026-01');
    await explorer.locator('[data-arg-name="to"] input').first().fill('2026-06');
    await explorer.getByText('rows', { exact: true }).click();
    await explorer.getByText('bucket', { exact: true }).click();
    await explorer.getByText('suppressed', { exact: true }).click();
    await explorer.getByText('visits', { exact: true }).last().click();
    await page.click('.graphiql-execute-button');
    const response = page.locator('.graphiql-response');
    await response.getByText('"2026-03"').waitFor();
    const text = (await response.textContent()) ?? '';
    expect(text).toMatch(/"visits":\s*12/);
    expect(text).toMatch(/"suppressed":\s*false/);
    if (process.env.GRAPHIQL_SCREENSHOT) await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT });

    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
