import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { METRICS } from '../../../server/src/modules/analytics/metric.registry.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { randomPractice } from './analytics-data.js';
import { directMeasures, type Shape } from './direct-metrics.js';

const SEED = Number(process.env.ANALYTICS_SEED ?? Date.now() % 1_000_000);
const DIMS = { PROVIDER: 'providerId', LOCATION: 'locationId', APPOINTMENT_TYPE: 'appointmentTypeId', MODALITY: 'modality', AGE_BAND: 'ageBand' } as const;
const POPULATION: Record<string, string> = { visit: 'visits', due: 'dueAppointments', scheduled: 'scheduled', roomed: 'roomedVisits' };

let server: TestServer;
let world: Awaited<ReturnType<typeof randomPractice>>;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await randomPractice(server.database.db, SEED, { patients: 70, count: 700, start: '2026-01-01T05:00:00Z', stepMinutes: 370 });
  token = await server.token(world.practiceId, [Role.ANALYST]);
  const refreshed = await server.gql(token, 'mutation { refreshAnalytics { asOf cells } }');
  expect(refreshed.errors).toBeUndefined();
}, 180_000);

const queryOf = (metric: (typeof METRICS)[number]) =>
  `query M($q: MetricQueryInput!) { analytics { ${metric.name}(query: $q) { metric version asOf threshold rows { bucket providerId locationId appointmentTypeId modality ageBand suppressed ${metric.measures.map((m) => m.name).join(' ')} } } } }`;

describe(`every measure equals a direct SQL computation over the raw tables (seed ${SEED})`, () => {
  const shapes: Shape[] = [
    { grain: 'MONTH', groupBy: [] },
    { grain: 'MONTH', groupBy: ['PROVIDER'] },
    { grain: 'WEEK', groupBy: [] },
    { grain: 'QUARTER', groupBy: ['MODALITY'] },
    { grain: 'QUARTER', groupBy: ['AGE_BAND'] },
    { grain: 'MONTH', groupBy: ['LOCATION'], modalities: ['IN_PERSON'] },
  ];
  for (const shape of shapes) {
    it(`${shape.grain} by [${shape.groupBy.join(', ')}]${shape.modalities ? ' for IN_PERSON' : ''}`, async () => {
      const expected = await directMeasures(server.database.db, world.practiceId, '2026-01', '2026-06', shape);
      let compared = 0;
      for (const metric of METRICS.filter((m) => m.source === 'visits')) {
        const q = { from: '2026-01', to: '2026-06', grain: shape.grain, groupBy: shape.groupBy, filters: shape.modalities ? { modalities: shape.modalities } : null };
        const res = await server.gql(token, queryOf(metric), { q });
        expect(res.errors, metric.name).toBeUndefined();
        const answer = res.data!.analytics[metric.name];
        expect(answer).toMatchObject({ metric: metric.name, version: metric.version, threshold: 11 });
        const keys = new Set<string>();
        for (const row of answer.rows) {
          const key = [row.bucket, ...shape.groupBy.map((d) => row[DIMS[d]])].join('|');
          keys.add(key);
          const want = expected.get(key);
          expect(want, `${metric.name} ${key}`).toBeDefined();
          if (row.suppressed) {
            for (const m of metric.measures) expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBeNull();
            continue;
          }
          for (const m of metric.measures) {
            const w = want![m.name];
            if (typeof w === 'number' && !Number.isInteger(w)) expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBeCloseTo(w, 12);
            else expect(row[m.name], `${metric.name} ${key} ${m.name}`).toBe(w);
            compared++;
          }
        }
        // The answer has a row for every bucket and group whose population is not empty, and no other.
        const population = POPULATION[metric.population]!;
        const wanted = [...expected].filter(([, v]) => (v[population] ?? 0) > 0).map(([k]) => k);
        expect([...keys].sort(), metric.name).toEqual(wanted.sort());
      }
      expect(compared).toBeGreaterThan(20);
    });
  }
});
