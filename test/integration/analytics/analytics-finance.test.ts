import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { METRICS } from '../../../server/src/modules/analytics/metric.registry.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { randomBilling } from './analytics-billing-data.js';
import { randomPractice } from './analytics-data.js';
import { directFinance, type FinanceShape } from './direct-finance.js';

const SEED = Number(process.env.ANALYTICS_SEED ?? Date.now() % 1_000_000);
const FIELD = { PROVIDER: 'providerId', LOCATION: 'locationId', PAYER: 'payerId', ADJUSTMENT_GROUP: 'adjustmentGroup', REASON_CODE: 'reasonCode' } as const;
const FINANCE = METRICS.filter((m) => m.source === 'finance');
const comparedByMetric: Record<string, number> = {};

let server: TestServer;
let world: Awaited<ReturnType<typeof randomPractice>>;
let payers: { id: string }[];
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await randomPractice(server.database.db, SEED, { patients: 110, count: 900, start: '2026-01-01T05:00:00Z', stepMinutes: 290 });
  ({ payers } = await randomBilling(server.database.db, SEED, world.practiceId));
  token = await server.token(world.practiceId, [Role.ANALYST]);
  const refreshed = await server.gql(token, 'mutation { refreshAnalytics { asOf cells } }');
  expect(refreshed.errors).toBeUndefined();
});

const queryOf = (metric: (typeof METRICS)[number]) =>
  `query M($q: MetricQueryInput!) { analytics { ${metric.name}(query: $q) { metric version rows { bucket providerId locationId payerId adjustmentGroup reasonCode suppressed ${metric.measures.map((m) => m.name).join(' ')} } } } }`;

describe(`every revenue-cycle measure equals a direct computation over the raw billing tables (seed ${SEED})`, () => {
  const shapes: (FinanceShape & { payerFilter?: boolean })[] = [
    { grain: 'MONTH', groupBy: [] },
    { grain: 'MONTH', groupBy: ['PAYER'] },
    { grain: 'QUARTER', groupBy: ['PROVIDER'] },
    { grain: 'WEEK', groupBy: [] },
    { grain: 'QUARTER', groupBy: ['ADJUSTMENT_GROUP'] },
    { grain: 'QUARTER', groupBy: ['REASON_CODE'] },
    { grain: 'QUARTER', groupBy: ['LOCATION'], payerFilter: true },
  ];
  for (const shape of shapes) {
    it(`${shape.grain} by [${shape.groupBy.join(', ')}]${shape.payerFilter ? ' for one payer' : ''}`, async () => {
      const payerIds = shape.payerFilter ? [payers[0]!.id] : undefined;
      const expected = await directFinance(server.database.db, world.practiceId, '2026-01', '2026-06', { ...shape, payerIds });
      let compared = 0;

      for (const metric of FINANCE.filter((m) => shape.groupBy.every((d) => m.dimensions.includes(d)))) {
        const q = { from: '2026-01', to: '2026-06', grain: shape.grain, groupBy: shape.groupBy, filters: payerIds ? { payerIds } : null };
        const res = await server.gql(token, queryOf(metric), { q });
        expect(res.errors, metric.name).toBeUndefined();
        const want = expected.get(metric.name) ?? new Map();
        const keys = new Set<string>();
        for (const row of res.data!.analytics[metric.name].rows) {
          const key = [row.bucket, ...shape.groupBy.map((d) => row[FIELD[d]] ?? '')].join('|');
          keys.add(key);
          const w = want.get(key);
          expect(w, `${metric.name} ${key}`).toBeDefined();
          if (row.suppressed) {
            for (const m of metric.measures) expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBeNull();
            continue;
          }
          for (const m of metric.measures) {
            const v = w![m.name];
            if (typeof v === 'number' && !Number.isInteger(v)) expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBeCloseTo(v, 9);
            else expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBe(v);
            compared++;
            comparedByMetric[metric.name] = (comparedByMetric[metric.name] ?? 0) + 1;
          }
        }
        const wanted = [...want].filter(([, v]) => (v._population ?? 0) > 0).map(([k]) => k);
        expect([...keys].sort(), metric.name).toEqual(wanted.sort());
      }
      expect(compared).toBeGreaterThan(4);
    });
  }
  it('compared published values of every revenue-cycle metric', () => {
    for (const m of FINANCE) expect(comparedByMetric[m.name] ?? 0, m.name).toBeGreaterThan(0);
  });
});

describe('revenue-cycle metrics through the SDK and their dimensions', () => {
  it('a partner report reads payer mix by payer (named, self-pay without id) and denial reasons with typed rows', async () => {
    const client = createClient({ url: server.url, token, retry: false });
    const { analytics } = await client.AnalyticsPayerMix({ query: { from: '2026-01', to: '2026-06', grain: 'QUARTER', groupBy: ['PAYER'] } });
    const names = analytics.payerMix.rows.map((r) => [r.payerId, r.payerName]);
    expect(names).toContainEqual([payers[0]!.id, expect.stringMatching(/^Test Payer/)]);
    expect(names).toContainEqual([null, 'Self-pay']);
    const published = analytics.payerMix.rows.filter((r) => !r.suppressed);
    for (const quarter of new Set(published.map((r) => r.bucket))) {
      const rows = analytics.payerMix.rows.filter((r) => r.bucket === quarter);
      if (rows.every((r) => !r.suppressed)) expect(rows.reduce((n, r) => n + r.chargeShare!, 0)).toBeCloseTo(1, 9);
    }
    const denials = await client.AnalyticsDenialReasons({ query: { from: '2026-01', to: '2026-06', grain: 'QUARTER', groupBy: ['ADJUSTMENT_GROUP', 'REASON_CODE'] } });
    expect(denials.analytics.denialReasons.rows.every((r) => r.adjustmentGroup !== null && r.reasonCode !== null)).toBe(true);
  });

  it('a dimension or filter the metric does not have is BAD_USER_INPUT', async () => {
    const client = createClient({ url: server.url, token, retry: false });
    for (const query of [
      { from: '2026-01', to: '2026-06', groupBy: ['MODALITY' as const] },
      { from: '2026-01', to: '2026-06', filters: { modalities: ['TELEHEALTH' as const] } },
    ]) {
      const err = await client.AnalyticsCharges({ query }).catch((e: unknown) => e);
      expect(isMedofficeError(err) && err.code).toBe('BAD_USER_INPUT');
    }
    const visitsByPayer = await client.AnalyticsVisits({ query: { from: '2026-01', to: '2026-06', groupBy: ['PAYER'] } }).catch((e: unknown) => e);
    expect(isMedofficeError(visitsByPayer) && visitsByPayer.code).toBe('BAD_USER_INPUT');
  });
});
