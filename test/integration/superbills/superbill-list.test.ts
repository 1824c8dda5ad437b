import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { superbills } from '../../../server/src/db/schema/superbills.js';
import { insertSuperbill, replaceContent } from '../../../server/src/modules/superbills/superbill.repo.js';
import { createProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { billingWorld } from '../../factories/superbill.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { LIST } from './superbill-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

/** A practice with `n` superbills over 10 days, 5 patients and 3 providers, each with 2 diagnoses and 2 lines. */
async function practiceWith(n: number) {
  const db = server.database.db;
  const w = await billingWorld(server);
  const patients = [w.patient, ...(await Promise.all([1, 2, 3, 4].map(() => insertPatient(db, w.practiceId))))];
  const providers = [w.provider, await createProvider(db, w.practiceId), await createProvider(db, w.practiceId)];
  for (let i = 0; i < n; i++) {
    const s = await insertSuperbill(db, w.practiceId, {
      status: 'DRAFT', patientId: patients[i % 5]!.id, renderingProviderId: providers[i % 3]!.id, locationId: w.location.id,
      billingProvider: { name: 'P', tin: null, npi: null, address: null }, dateOfService: `2026-02-${String(10 + (i % 10)).padStart(2, '0')}`, placeOfServiceCode: '11',
      totalChargeCents: 15_500, createdBy: 'seed',
    });
    await replaceContent(db, w.practiceId, s.id, [{ position: 1, code: 'E119', description: 'd1' }, { position: 2, code: 'I10', description: 'd2' }], [
      { position: 1, code: '99213', description: null, modifiers: ['25'], units: 1, unitFeeCents: 13_000, chargeCents: 13_000, scheduleFeeCents: 13_000, chargeOverrideReason: null, diagnosisPointers: [1, 2], note: null },
      { position: 2, code: '36415', description: null, modifiers: [], units: 1, unitFeeCents: 2_500, chargeCents: 2_500, scheduleFeeCents: 2_500, chargeOverrideReason: null, diagnosisPointers: [1], note: null },
    ]);
    // Content goes in while DRAFT (the database refuses it under a finalized superbill).
    if (i % 3 === 0) await db.update(superbills).set({ status: 'FINALIZED', finalizedAt: new Date() }).where(eq(superbills.id, s.id));
  }
  return { ...w, patients, providers };
}

type Edge = { cursor: string; node: { id: string; dateOfService: string; number: string; lines: unknown[]; diagnoses: unknown[]; patient: { id: string }; renderingProvider: { id: string } } };

describe('superbills page', () => {
  // The selection compiler reads the page with its count, diagnoses, lines, patients, providers and
  // locations in one statement; plus one audit flush. (Before the compiler: 8.)
  const EXPECTED = 2;

  it(`5 and 50 superbills with lines, diagnoses, patient and provider take exactly ${EXPECTED} statements`, async () => {
    for (const n of [5, 50]) {
      const w = await practiceWith(n);
      // The first request of a practice also checks that the practice exists (then cached): warm it.
      await server.gql(w.biller, '{ superbills(first: 1) { totalCount } }');
      const res = await server.gql(w.biller, LIST, { first: 50 });
      expect(res.errors).toBeUndefined();
      const edges = res.data!.superbills.edges as Edge[];
      expect(edges).toHaveLength(n);
      expect(edges.every((e) => e.node.lines.length === 2 && e.node.diagnoses.length === 2 && e.node.patient.id && e.node.renderingProvider.id)).toBe(true);
      expect(res.extensions?.stats?.sqlStatements, `${n} superbills`).toBe(EXPECTED);
    }
  });

  it('pages by keyset forward and backward, newest date of service first, without gaps or repeats', async () => {
    const w = await practiceWith(23);
    const all = ((await server.gql(w.biller, LIST, { first: 50 })).data!.superbills.edges as Edge[]).map((e) => e.node);
    const sorted = [...all].sort((a, b) => (a.dateOfService === b.dateOfService ? Number(b.number) - Number(a.number) : a.dateOfService < b.dateOfService ? 1 : -1));
    expect(all.map((s) => s.id)).toEqual(sorted.map((s) => s.id));
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await server.gql(w.biller, LIST, { first: 7, after })).data!.superbills;
      forward.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(all.map((s) => s.id));
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: { edges: Edge[]; pageInfo: { hasPreviousPage: boolean; startCursor: string } } = (await server.gql(w.biller, LIST, { last: 5, before })).data!.superbills;
      backward.unshift(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(all.map((s) => s.id));
  });

  it('filters by status, date range, provider, patient and location', async () => {
    const w = await practiceWith(30);
    const count = async (filter: Record<string, unknown>) => (await server.gql(w.biller, LIST, { filter, first: 50 })).data!.superbills.totalCount;
    expect(await count({ status: ['FINALIZED'] })).toBe(10);
    expect(await count({ from: '2026-02-12', to: '2026-02-13' })).toBe(6);
    expect(await count({ renderingProviderId: w.providers[1]!.id })).toBe(10);
    expect(await count({ patientId: w.patients[2]!.id })).toBe(6);
    expect(await count({ locationId: w.location.id, status: ['DRAFT'] })).toBe(20);
  });

  it('refuses forged cursors, malformed ids and reversed ranges with BAD_USER_INPUT', async () => {
    const w = await practiceWith(1);
    const forged = Buffer.from(JSON.stringify(['2026-02-10', 'x', 'y'])).toString('base64url');
    for (const [vars, path] of [
      [{ after: forged }, 'after'],
      [{ last: 5, before: 'garbage' }, 'before'],
      [{ filter: { patientId: 'nope' } }, 'filter.patientId'],
      [{ filter: { from: '2026-03-01', to: '2026-02-01' } }, 'filter.to'],
      [{ first: 500 }, 'first'],
    ] as const) {
      const res = await server.gql(w.biller, LIST, vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    }
  });
});
