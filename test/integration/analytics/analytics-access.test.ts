import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment, officeWithProvider, createProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { linkProvider } from '../../factories/catalog.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const VISITS = `query V($q: MetricQueryInput!) { analytics { asOf visits(query: $q) { asOf threshold rows { bucket providerId providerName suppressed visits } } } }`;

let server: TestServer;
let office: Awaited<ReturnType<typeof officeWithProvider>>;
let providers: { a: string; b: string; c: string };
let analyst: string;
let patientIds: string[];
let mrns: string[];

/** `n` patients with one COMPLETED visit each with `providerId` in March 2026, at distinct times. */
async function visits(providerId: string, n: number, offset: number) {
  for (let i = 0; i < n; i++) {
    const p = await insertPatient(server.database.db, office.practiceId);
    patientIds.push(p.id);
    mrns.push(p.mrn);
    const startsAt = new Date(Date.parse('2026-03-02T14:00:00Z') + (offset + i) * 3_600_000);
    await insertAppointment(server.database.db, office.practiceId, { patientId: p.id, providerId, locationId: office.location.id, appointmentTypeId: office.type.id }, startsAt, { status: 'COMPLETED' });
  }
}

beforeAll(async () => {
  server = await startTestServer();
  office = await officeWithProvider(server.database.db);
  const b = await createProvider(server.database.db, office.practiceId);
  const c = await createProvider(server.database.db, office.practiceId);
  for (const p of [b, c]) await linkProvider(server.database.db, office.practiceId, p.id, office.location.id);
  providers = { a: office.provider.id, b: b.id, c: c.id };
  patientIds = [];
  mrns = [];
  await visits(providers.a, 15, 0);
  await visits(providers.b, 14, 100);
  await visits(providers.c, 3, 200);
  analyst = await server.token(office.practiceId, [Role.ANALYST]);
});

const march = (extra: Record<string, unknown> = {}) => ({ q: { from: '2026-03', to: '2026-03', ...extra } });

describe('small cells and differencing', () => {
  it('suppresses a row under 11 patients, and the next smallest row of its margin so the withheld rows count at least 11 together', async () => {
    const res = await server.gql(analyst, VISITS, march({ groupBy: ['PROVIDER'] }));
    expect(res.errors).toBeUndefined();
    const rows = res.data!.analytics.visits.rows as { providerId: string; suppressed: boolean; visits: number | null }[];
    const byProvider = Object.fromEntries(rows.map((r) => [r.providerId, r]));
    expect(byProvider[providers.c]).toMatchObject({ suppressed: true, visits: null });
    // B alone is large enough, but publishing it would let total − A − B reveal C's 3 patients.
    expect(byProvider[providers.b]).toMatchObject({ suppressed: true, visits: null });
    expect(byProvider[providers.a]).toMatchObject({ suppressed: false, visits: 15 });
    // The practice total is public; total − A reveals B + C together: 17 patients, not a small cell.
    const total = await server.gql(analyst, VISITS, march());
    expect(total.data!.analytics.visits.rows).toEqual([{ bucket: '2026-03', providerId: null, providerName: null, suppressed: false, visits: 32 }]);
  });

  it('withholds a filtered answer whose complement (the same answer without that filter, minus it) is a small cell', async () => {
    const ab = await server.gql(analyst, VISITS, march({ filters: { providerIds: [providers.a, providers.b] } }));
    expect(ab.data!.analytics.visits.rows).toMatchObject([{ suppressed: true, visits: null }]);
    const c = await server.gql(analyst, VISITS, march({ filters: { providerIds: [providers.c] } }));
    expect(c.data!.analytics.visits.rows).toMatchObject([{ suppressed: true, visits: null }]);
    const all = await server.gql(analyst, VISITS, march({ filters: { providerIds: [providers.a, providers.b, providers.c] } }));
    expect(all.data!.analytics.visits.rows).toMatchObject([{ suppressed: false, visits: 32 }]);
    const a = await server.gql(analyst, VISITS, march({ filters: { providerIds: [providers.a] } }));
    expect(a.data!.analytics.visits.rows).toMatchObject([{ suppressed: false, visits: 15 }]);
  });

  it('carries no patient identifier: no patient id or MRN anywhere in an answer', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
      body: JSON.stringify({ query: VISITS, variables: march({ groupBy: ['PROVIDER'], grain: 'WEEK' }) }),
    });
    const text = await res.text();
    expect(text).toContain('"visits"');
    for (const id of [...patientIds, ...mrns]) expect(text).not.toContain(id);
  });

  it('takes a higher threshold from configuration, never one below 11', async () => {
    const strict = await startTestServer({ ANALYTICS_SUPPRESSION_THRESHOLD: '16' }, { database: server.database });
    const res = await strict.gql(analyst, VISITS, march({ groupBy: ['PROVIDER'] }));
    expect(res.data!.analytics.visits.threshold).toBe(16);
    expect((res.data!.analytics.visits.rows as { suppressed: boolean }[]).every((r) => r.suppressed)).toBe(true);
    expect(() => loadConfig({ ANALYTICS_SUPPRESSION_THRESHOLD: '10' })).toThrow(/ANALYTICS_SUPPRESSION_THRESHOLD/);
  });
});

describe('access, tenancy and audit', () => {
  it('is for ANALYST and PRACTICE_ADMIN only', async () => {
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER]) {
      const res = await server.gql(await server.token(office.practiceId, [role]), VISITS, march());
      expect(res.errors?.[0]?.extensions.code, role).toBe('FORBIDDEN');
    }
    const admin = await server.gql(await server.token(office.practiceId, [Role.PRACTICE_ADMIN]), VISITS, march());
    expect(admin.data!.analytics.visits.rows).toMatchObject([{ visits: 32 }]);
  });

  it("answers only the caller's practice; another practice's provider is NOT_FOUND", async () => {
    const other = await officeWithProvider(server.database.db);
    const otherAnalyst = await server.token(other.practiceId, [Role.ANALYST]);
    const mine = await server.gql(otherAnalyst, VISITS, march());
    expect(mine.data!.analytics.visits.rows).toEqual([]);
    const theirs = await server.gql(otherAnalyst, VISITS, march({ filters: { providerIds: [providers.a] } }));
    expect(theirs.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Provider', id: providers.a });
  });

  it('audits every metric query: who, which metric and version, period, grouping and filters', async () => {
    const userId = `analyst-${Date.now()}`;
    const token = await server.token(office.practiceId, [Role.ANALYST], userId);
    await server.gql(token, VISITS, march({ groupBy: ['PROVIDER'], filters: { modalities: ['IN_PERSON'] } }));
    const rows = (await auditEntries(server.database.db, { practiceId: office.practiceId, entityType: 'AnalyticsQuery' })).filter((r) => r.userId === userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'READ', roles: [Role.ANALYST], patientId: null, entityId: 'visits@v1 2026-03..2026-03 MONTH groupBy=PROVIDER filters=MODALITY=IN_PERSON' });
  });

  it('refuses bad input with BAD_USER_INPUT and audits nothing', async () => {
    const userId = `bad-${Date.now()}`;
    const token = await server.token(office.practiceId, [Role.ANALYST], userId);
    const cases: [Record<string, unknown>, string][] = [
      [{ from: '2026-03', to: '2026-03', groupBy: ['PATIENT'] }, 'q'],
      [{ from: '2026-05', to: '2026-03' }, 'query.to'],
      [{ from: '2020-01', to: '2025-01' }, 'query.to'],
      [{ from: '2026-13', to: '2026-03' }, 'query.from'],
      [{ from: '2026-02', to: '2026-06', grain: 'QUARTER' }, 'query.from'],
      [{ from: '2026-03', to: '2026-03', groupBy: ['PROVIDER', 'PROVIDER'] }, 'query.groupBy.1'],
      [{ from: '2026-03', to: '2026-03', filters: { providerIds: ['not-an-id'] } }, 'query.providerIds.0'],
    ];
    for (const [q, path] of cases) {
      const res = await server.gql(token, VISITS, { q });
      expect(res.errors?.[0]?.extensions.code, JSON.stringify(q)).toBe('BAD_USER_INPUT');
      if (path !== 'q') expect(res.errors![0]!.extensions.fields?.map((f) => f.path), JSON.stringify(q)).toContain(path);
    }
    // Five years exactly is allowed.
    const fiveYears = await server.gql(token, VISITS, { q: { from: '2021-04', to: '2026-03', grain: 'QUARTER' } });
    expect(fiveYears.errors).toBeUndefined();
    const audited = (await auditEntries(server.database.db, { practiceId: office.practiceId, entityType: 'AnalyticsQuery' })).filter((r) => r.userId === userId);
    expect(audited).toHaveLength(1);
  });

  it('shows asOf and counts later changes only after a refresh', async () => {
    const before = await server.gql(analyst, VISITS, march());
    const asOf = before.data!.analytics.visits.asOf as string;
    expect(before.data!.analytics.asOf).toBe(asOf);
    await visits(providers.a, 1, 300);
    const stale = await server.gql(analyst, VISITS, march());
    expect(stale.data!.analytics.visits).toMatchObject({ asOf, rows: [{ visits: 32 }] });
    const refreshed = await server.gql(analyst, 'mutation { refreshAnalytics { asOf cells } }');
    expect(Date.parse(refreshed.data!.refreshAnalytics.asOf)).toBeGreaterThan(Date.parse(asOf));
    const fresh = await server.gql(analyst, VISITS, march());
    expect(fresh.data!.analytics.visits.rows).toMatchObject([{ visits: 33 }]);
  });
});

describe('age bands', () => {
  const BY_AGE = `query V($q: MetricQueryInput!) { analytics { visits(query: $q) { rows { bucket ageBand suppressed visits } } } }`;

  it('groups by age at the visit in bands, 90 and over collapsed, with small bands suppressed like any cell', async () => {
    // Provider A's 15 patients become 94 (90+), provider C's 3 become 9 (0-17); the others stay 51 (50-64).
    await server.database.db.execute(sql`update patients set date_of_birth = '1931-06-01' where id in (${sql.join(patientIds.slice(0, 15).map((id) => sql`${id}::uuid`), sql`, `)})`);
    await server.database.db.execute(sql`update patients set date_of_birth = '2016-06-01' where id in (${sql.join(patientIds.slice(29, 32).map((id) => sql`${id}::uuid`), sql`, `)})`);
    // The corrected dates of birth mark March dirty; the refresh recomputes it.
    const refreshed = await server.gql(analyst, 'mutation { refreshAnalytics { asOf } }');
    expect(refreshed.errors).toBeUndefined();
    const res = await server.gql(analyst, BY_AGE, march({ groupBy: ['AGE_BAND'] }));
    expect(res.errors).toBeUndefined();
    const rows = res.data!.analytics.visits.rows as { ageBand: string; suppressed: boolean; visits: number | null }[];
    expect(rows.map((r) => r.ageBand).sort()).toEqual(['0-17', '50-64', '90+']);
    const band = Object.fromEntries(rows.map((r) => [r.ageBand, r]));
    expect(band['90+']).toMatchObject({ suppressed: false, visits: 15 });
    expect(band['0-17']).toMatchObject({ suppressed: true, visits: null });
    // Withholding only 0-17 would let the March total minus 90+ and 50-64 reveal it: the next smallest band is withheld too.
    expect(band['50-64']).toMatchObject({ suppressed: true, visits: null });
  });

  it('is a dimension of visit metrics only: a revenue-cycle metric refuses it', async () => {
    const res = await server.gql(analyst, `query C($q: MetricQueryInput!) { analytics { charges(query: $q) { rows { bucket } } } }`, march({ groupBy: ['AGE_BAND'] }));
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
