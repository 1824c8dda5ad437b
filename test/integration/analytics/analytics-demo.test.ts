import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { METRICS } from '../../../server/src/modules/analytics/metric.registry.js';
import { DEMO_HOOK_TIMEOUT, demoNow } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

/** Metrics that need adjudicated claims (posted remittances) in the demo's history. */
const FROM_REMITTANCES = new Set(['adjustments', 'cleanClaimRate', 'denialRate', 'denialReasons', 'daysToPayment', 'patientResponsibilityShare']);

let server: TestServer;
let token: string;
let remittancesInDemo: boolean;
const now = demoNow();
const month = (d: Date) => d.toISOString().slice(0, 7);
const period = { from: month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))), to: month(now) };

beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
  token = await server.token(DEMO_PRACTICE_ID, [Role.ANALYST]);
  const result = await server.database.db.execute(sql`select count(*)::int as n from remittance_claims where practice_id = ${DEMO_PRACTICE_ID} and outcome = 'POSTED'`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
  remittancesInDemo = Number(rows[0]!.n) > 0;
}, DEMO_HOOK_TIMEOUT);

it('the demo practice shows every metric with published, non-null numbers at the practice level for the last 12 months', async () => {
  const empty: string[] = [];
  for (const metric of METRICS) {
    if (FROM_REMITTANCES.has(metric.name) && !remittancesInDemo) continue;
    const grain = metric.source === 'finance' ? 'QUARTER' : 'MONTH';
    const from = grain === 'QUARTER' ? `${period.from.slice(0, 5)}${String(Math.floor((Number(period.from.slice(5)) - 1) / 3) * 3 + 1).padStart(2, '0')}` : period.from;
    const to = grain === 'QUARTER' ? `${period.to.slice(0, 5)}${String(Math.floor((Number(period.to.slice(5)) - 1) / 3) * 3 + 3).padStart(2, '0')}` : period.to;
    const res = await server.gql(token, `query M($q: MetricQueryInput!) { analytics { ${metric.name}(query: $q) { rows { bucket suppressed ${metric.measures.map((m) => m.name).join(' ')} } } } }`, {
      q: { from, to, grain },
    });
    expect(res.errors, metric.name).toBeUndefined();
    const rows = res.data!.analytics[metric.name].rows as Record<string, unknown>[];
    if (!rows.some((r) => !r.suppressed && metric.measures.every((m) => r[m.name] !== null))) empty.push(metric.name);
  }
  expect(empty).toEqual([]);
});
