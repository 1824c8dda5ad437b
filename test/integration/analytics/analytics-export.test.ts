import { beforeAll, expect, it } from 'vitest';
import { parseCsvLine } from '../../../server/src/lib/csv.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
let office: Awaited<ReturnType<typeof officeWithProvider>>;
let analyst: string;
const patientIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  office = await officeWithProvider(server.database.db);
  for (let i = 0; i < 14; i++) {
    const p = await insertPatient(server.database.db, office.practiceId);
    patientIds.push(p.id);
    const refs = { patientId: p.id, providerId: office.provider.id, locationId: office.location.id, appointmentTypeId: office.type.id };
    const startsAt = new Date(Date.parse(i < 12 ? '2026-03-02T14:00:00Z' : '2026-04-06T14:00:00Z') + i * 3_600_000);
    await insertAppointment(server.database.db, office.practiceId, refs, startsAt, { status: i % 5 === 0 ? 'NO_SHOW' : 'COMPLETED' });
  }
  analyst = await server.token(office.practiceId, [Role.ANALYST], 'export-analyst');
});

const exportUrl = (params: Record<string, string>) => `${server.url.replace('/graphql', '/analytics/export')}?${new URLSearchParams(params)}`;
const get = (params: Record<string, string>, token: string | null = analyst) => fetch(exportUrl(params), { headers: token ? { authorization: `Bearer ${token}` } : {} });

it('streams CSV with the metric definition named, the same rows as GraphQL, no patient identifiers, audited as EXPORT', async () => {
  const res = await get({ metric: 'noShowRate', from: '2026-03', to: '2026-04', groupBy: 'PROVIDER' });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  expect(res.headers.get('x-metric-definition')).toBe('noShowRate; version=1');
  const text = await res.text();
  const lines = text.trimEnd().split('\r\n').map((l) => parseCsvLine(l)!);
  expect(lines[0]).toEqual(['bucket', 'providerId', 'providerName', 'locationId', 'locationName', 'appointmentTypeId', 'appointmentTypeName', 'modality', 'ageBand', 'suppressed', 'dueAppointments', 'noShows', 'noShowRate']);
  const gql = await server.gql(analyst, 'query($q: MetricQueryInput!) { analytics { noShowRate(query: $q) { rows { bucket providerId suppressed dueAppointments noShows noShowRate } } } }', { q: { from: '2026-03', to: '2026-04', groupBy: ['PROVIDER'] } });
  const rows = gql.data!.analytics.noShowRate.rows as Record<string, unknown>[];
  expect(lines.slice(1).map((l) => [l[0], l[1], l[9], l[10], l[11], l[12]])).toEqual(rows.map((r) => [r.bucket, r.providerId, String(r.suppressed), String(r.dueAppointments ?? ''), String(r.noShows ?? ''), String(r.noShowRate ?? '')]));
  expect(rows.find((r) => r.bucket === '2026-03')).toMatchObject({ suppressed: false, dueAppointments: 12, noShows: 3, noShowRate: 0.25 });
  // April (2 patients) is withheld.
  expect(rows.find((r) => r.bucket === '2026-04')).toMatchObject({ suppressed: true, noShowRate: null });
  for (const id of patientIds) expect(text).not.toContain(id);
  const audited = await auditEntries(server.database.db, { practiceId: office.practiceId, action: 'EXPORT' });
  expect(audited.map((a) => a.entityId)).toContain('noShowRate@v1 2026-03..2026-04 MONTH groupBy=PROVIDER filters=-');
});

it('streams NDJSON whose first line names the definition', async () => {
  const res = await get({ metric: 'noShowRate', from: '2026-03', to: '2026-03', format: 'ndjson' });
  expect(res.headers.get('content-type')).toContain('application/x-ndjson');
  const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ type: 'definition', metric: 'noShowRate', version: 1, threshold: 11, grain: 'MONTH' });
  expect(lines.slice(1)).toEqual([{ type: 'row', bucket: '2026-03', suppressed: false, dueAppointments: 12, noShows: 3, noShowRate: 0.25 }]);
});

it('refuses without a token, for other roles, and on bad input, changing nothing', async () => {
  expect((await get({ metric: 'visits', from: '2026-03', to: '2026-03' }, null)).status).toBe(401);
  const desk = await get({ metric: 'visits', from: '2026-03', to: '2026-03' }, await server.token(office.practiceId, [Role.FRONT_DESK]));
  expect(desk.status).toBe(403);
  const before = (await auditEntries(server.database.db, { practiceId: office.practiceId, action: 'EXPORT' })).length;
  const bad: Record<string, string>[] = [{ metric: 'patients', from: '2026-03', to: '2026-03' }, { metric: 'visits', from: '2026-04', to: '2026-03' }, { metric: 'visits', from: '2026-03', to: '2026-03', groupBy: 'PATIENT' }, { metric: 'visits', from: '2026-03', to: '2026-03', format: 'xml' }];
  for (const params of bad) {
    const res = await get(params);
    expect(res.status, JSON.stringify(params)).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  }
  expect((await auditEntries(server.database.db, { practiceId: office.practiceId, action: 'EXPORT' })).length).toBe(before);
});
