import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { superbills } from '../../../server/src/db/schema/superbills.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { type AgingBasis, type AgingGroup, agingByGroup } from '../../../server/src/modules/accounts/ar-aging.repo.js';
import { sumByPatients } from '../../../server/src/modules/ledger/ledger-balance.repo.js';
import { LedgerBucket, LedgerEntryKind } from '../../../server/src/modules/ledger/ledger-kind.js';
import { accountsWorld } from '../../factories/accounts.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { drafts, postNow } from '../../factories/ledger.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });
const AS_OF = '2026-06-30';

/**
 * Self-pay visits 10, 45, 75, 100 and 200 days before AS_OF (1,000 … 5,000 cents), an insured visit 40 days
 * before (20,000 with the payer, 3,000 moved to the patient), a patient payment left as a credit today, an
 * entry without a superbill, and a charge after AS_OF that must not count.
 */
async function world() {
  const db = server.database.db;
  const w = await accountsWorld(db);
  const payer = await insertPayer(db, w.practiceId);
  const days = ['2026-06-20', '2026-05-16', '2026-04-16', '2026-03-22', '2025-12-12'];
  for (const [i, d] of days.entries()) await w.visit(w.patient.id, d, (i + 1) * 1_000);
  const insured = await w.visit(w.other.id, '2026-05-21', 1); // re-charged below with the payer
  await db.update(superbills).set({ payerId: payer.id }).where(eq(superbills.id, insured));
  const on = { superbillId: insured, effectiveDate: '2026-05-21' };
  await postNow(db, w.actor, [
    { kind: LedgerEntryKind.CHARGE, patientId: w.other.id, bucket: LedgerBucket.INSURANCE, payerId: payer.id, amountCents: 20_000, ...on, idempotencyKey: randomUUID() },
    { kind: LedgerEntryKind.PATIENT_RESPONSIBILITY, patientId: w.other.id, bucket: LedgerBucket.PATIENT, amountCents: 3_000, groupCode: 'PR', reasonCode: '2', ...on, idempotencyKey: randomUUID() },
    { kind: LedgerEntryKind.PATIENT_PAYMENT, patientId: w.other.id, bucket: LedgerBucket.PATIENT, amountCents: -500, effectiveDate: AS_OF, idempotencyKey: randomUUID() },
    { ...drafts.charge(w.patient.id, null, null, 700, LedgerBucket.PATIENT), effectiveDate: '2026-06-01' },
    { ...drafts.charge(w.patient.id, null, null, 9_999, LedgerBucket.PATIENT), effectiveDate: '2026-07-01' },
  ]);
  return { ...w, payer, insured, biller: await client(w.practiceId, [Role.BILLER]) };
}

/**
 * A claim row of a superbill to the payer (only the columns the aging reads matter; the snapshot is not
 * read), submitted at `submittedAt` or not at all.
 */
async function insertClaim(w: Awaited<ReturnType<typeof world>>, superbillId: string, patientId: string, submittedAt: Date | null, practiceId = w.practiceId): Promise<string> {
  const db = server.database.db;
  const [existing] = await db.select().from(coverages).where(eq(coverages.patientId, patientId));
  const [coverage] = existing ? [existing] : await db.insert(coverages).values({ practiceId, patientId, payerId: w.payer.id, memberId: 'XZ123456789', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01' }).returning();
  const [claim] = await db.insert(claims).values({
    practiceId, number: sql<number>`nextval('claim_number_seq')`, patientAccountNumber: `AGING-${randomUUID().slice(0, 8)}`, superbillId, patientId, payerId: w.payer.id,
    coverageId: coverage!.id, locationId: w.location.id, status: submittedAt ? 'SUBMITTED' : 'DRAFT', dateOfService: '2026-01-01', totalChargeCents: 0,
    snapshot: {} as never, submittedAt, createdBy: 'test',
  }).returning();
  return claim!.id;
}

/**
 * The definition, item by item (the statement arAging ran before it was made one pass): entries summed per
 * item, each item dated and grouped, then bucketed. The one-pass statement must answer exactly this.
 */
async function perItemAging(practiceId: string, asOf: string, groupBy: AgingGroup, basis: AgingBasis) {
  const g = sql.raw({ PAYER: 'payer_id', PATIENT: 'patient_id', PROVIDER: 'provider_id', LOCATION: 'location_id' }[groupBy]);
  const submitted = basis.kind === 'SUBMISSION'
    ? sql`(select min((c.submitted_at at time zone ${basis.zone})::date) from claims c
            where c.practice_id = ${practiceId} and c.submitted_at is not null and (c.submitted_at at time zone ${basis.zone})::date <= ${asOf}::date
              and (c.superbill_id = items.superbill_id or c.id = any(items.claim_ids)))`
    : sql`null::date`;
  const result = await server.database.db.execute(sql`
    with items as (
      select e.patient_id, e.superbill_id, coalesce(array_agg(distinct e.claim_id) filter (where e.claim_id is not null), '{}') as claim_ids,
             coalesce(s.payer_id, max(e.payer_id::text)::uuid) as payer_id, s.rendering_provider_id as provider_id, s.location_id,
             coalesce(s.date_of_service, min(e.effective_date)) as dated, sum(e.insurance_cents)::bigint as ins, sum(e.patient_cents)::bigint as pat
        from ledger_entries e left join superbills s on s.id = e.superbill_id
       where e.practice_id = ${practiceId} and e.effective_date <= ${asOf}::date
       group by e.patient_id, e.superbill_id, case when e.superbill_id is null then e.claim_id end, s.payer_id, s.rendering_provider_id, s.location_id, s.date_of_service
    ), dated as (select items.*, ${submitted} as submitted_on from items
    ), aged as (
      select ${g} as group_id, ins, pat, ${asOf}::date - coalesce(submitted_on, dated) as age, ${sql.raw(basis.kind === 'SUBMISSION' ? 'true' : 'false')} and submitted_on is null as from_service from dated
    )
    select group_id::text as "groupId", part,
           coalesce(sum(amount) filter (where age <= 30), 0)::bigint as b0, coalesce(sum(amount) filter (where age between 31 and 60), 0)::bigint as b31,
           coalesce(sum(amount) filter (where age between 61 and 90), 0)::bigint as b61, coalesce(sum(amount) filter (where age between 91 and 120), 0)::bigint as b91,
           coalesce(sum(amount) filter (where age > 120), 0)::bigint as b121, coalesce(sum(amount) filter (where from_service), 0)::bigint as "fromService"
      from aged cross join lateral (values ('INSURANCE', ins), ('PATIENT', pat)) as parts(part, amount)
     group by group_id, part order by group_id nulls last, part`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({ groupId: (r.groupId as string | null) ?? null, part: r.part as string, b0: Number(r.b0), b31: Number(r.b31), b61: Number(r.b61), b91: Number(r.b91), b121: Number(r.b121), fromService: Number(r.fromService) }));
}

describe('arAging', () => {
  it('puts each open item in its age bucket per group, and the totals equal the ledger as of the date', async () => {
    const w = await world();
    const byPatient = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PATIENT' })).arAging;
    expect(byPatient).toMatchObject({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'DATE_OF_SERVICE', agedFromDateOfService: null });
    const mine = byPatient.rows.find((r) => r.groupId === w.patient.id)!;
    expect(mine.patient).toEqual({ days0To30: 1_000 + 700, days31To60: 2_000, days61To90: 3_000, days91To120: 4_000, over120: 5_000, total: 15_700 });
    expect(mine.insurance.total).toBe(0);
    const theirs = byPatient.rows.find((r) => r.groupId === w.other.id)!;
    // The visit (day 40) holds 17,000 with insurance and 3,000 + 1 cents patient part; the credit is today's (bucket 0–30).
    expect(theirs.insurance).toMatchObject({ days31To60: 17_000, total: 17_000 });
    expect(theirs.patient).toMatchObject({ days0To30: -500, days31To60: 3_001, total: 2_501 });

    // Σ buckets = Σ ledger balances, whatever the grouping.
    const ledger = await sumByPatients(server.database.db, w.practiceId, [w.patient.id, w.other.id]);
    const ins = ledger.reduce((s, r) => s + r.insuranceCents, 0);
    const pat = ledger.reduce((s, r) => s + r.patientCents, 0) - 9_999; // the charge after AS_OF
    for (const groupBy of ['PATIENT', 'PAYER', 'PROVIDER', 'LOCATION'] as const) {
      const r = (await w.biller.arAging({ asOf: AS_OF, groupBy })).arAging;
      expect([r.insurance.total, r.patient.total, r.total], groupBy).toEqual([ins, pat, ins + pat]);
      expect(r.rows.reduce((s, row) => s + row.total, 0), groupBy).toBe(ins + pat);
    }
    const byPayer = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PAYER' })).arAging;
    expect(byPayer.rows.find((r) => r.groupId === w.payer.id)!.insurance.total).toBe(17_000);
    const byProvider = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PROVIDER' })).arAging;
    expect(byProvider.rows.map((r) => r.groupId)).toEqual([w.provider.id, null]); // the entries without a superbill have no provider

    const reads = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'PatientBalance', action: 'READ' });
    expect(new Set(reads.map((r) => r.patientId))).toEqual(new Set([w.patient.id, w.other.id]));
  });

  it('on the SUBMISSION basis ages claimed balances from the first submission (practice calendar) and the rest from the date of service, saying how much', async () => {
    const w = await world();
    const db = server.database.db;
    // Visit of day 100 (4,000): claimed, submitted 2026-05-31 03:00 UTC = 2026-05-30 in New York, 31 days before AS_OF.
    const mine = await db.select({ id: superbills.id, dos: superbills.dateOfService }).from(superbills).where(eq(superbills.patientId, w.patient.id));
    const of = (dos: string) => mine.find((m) => m.dos === dos)!.id;
    await insertClaim(w, of('2026-03-22'), w.patient.id, new Date('2026-05-31T03:00:00Z'));
    // Day 200 (5,000): a draft claim, never submitted → date of service. Day 75 (3,000): submitted after AS_OF → date of service.
    await insertClaim(w, of('2025-12-12'), w.patient.id, null);
    await insertClaim(w, of('2026-04-16'), w.patient.id, new Date('2026-07-02T15:00:00Z'));
    // The insured visit of the other patient (day 40): submitted 2026-06-25 (day 5).
    const insuredClaim = await insertClaim(w, w.insured, w.other.id, new Date('2026-06-25T16:00:00Z'));
    // An insurance payment posted to the claim only (no superbill, as remittances post): ages with its claim.
    await postNow(db, w.actor, [{ kind: LedgerEntryKind.INSURANCE_PAYMENT, patientId: w.other.id, bucket: LedgerBucket.INSURANCE, payerId: w.payer.id, amountCents: -6_000, claimId: insuredClaim, effectiveDate: '2026-06-29', idempotencyKey: randomUUID() }]);

    const r = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'SUBMISSION' })).arAging;
    expect(r.basis).toBe('SUBMISSION');
    const row = r.rows.find((x) => x.groupId === w.patient.id)!;
    // day 10 (1,000) + entry without superbill (700) fall back; day 45 (2,000) fallback; day 75 (3,000) fallback; day 100 → 31 days; day 200 fallback.
    expect(row.patient).toEqual({ days0To30: 1_700, days31To60: 2_000 + 4_000, days61To90: 3_000, days91To120: 0, over120: 5_000, total: 15_700 });
    const theirs = r.rows.find((x) => x.groupId === w.other.id)!;
    expect(theirs.insurance).toEqual({ days0To30: 17_000 - 6_000, days31To60: 0, days61To90: 0, days91To120: 0, over120: 0, total: 11_000 });
    expect(theirs.patient).toMatchObject({ days0To30: -500 + 3_001, total: 2_501 });
    // Aged from the date of service: my 1,700 + 2,000 + 3,000 + 5,000 and the other's credit −500.
    expect(r.agedFromDateOfService).toBe(1_700 + 2_000 + 3_000 + 5_000 - 500);

    const ledger = await sumByPatients(db, w.practiceId, [w.patient.id, w.other.id]);
    const total = ledger.reduce((s, x) => s + x.insuranceCents + x.patientCents, 0) - 9_999;
    for (const groupBy of ['PATIENT', 'PAYER', 'PROVIDER', 'LOCATION'] as const) {
      const g = (await w.biller.arAging({ asOf: AS_OF, groupBy, basis: 'SUBMISSION' })).arAging;
      expect([g.total, g.rows.reduce((s, x) => s + x.total, 0), g.agedFromDateOfService], groupBy).toEqual([total, total, r.agedFromDateOfService]);
    }
    // As of the day before the claim's submission, it was not submitted yet: the visit ages from its date of service.
    const before = (await w.biller.arAging({ asOf: '2026-05-29', groupBy: 'PATIENT', basis: 'SUBMISSION' })).arAging;
    expect(before.rows.find((x) => x.groupId === w.patient.id)!.patient.days61To90).toBe(4_000); // day 68 of the visit of 03-22

    // A claim recorded under another practice never dates my balances; that practice's aging sees none of mine.
    const elsewhere = await accountsWorld(db);
    await insertClaim(w, of('2026-05-16'), w.patient.id, new Date('2026-06-28T15:00:00Z'), elsewhere.practiceId);
    const again = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'SUBMISSION' })).arAging;
    expect(again.rows.find((x) => x.groupId === w.patient.id)!.patient.days31To60).toBe(6_000);
    const theirsReport = (await (await client(elsewhere.practiceId, [Role.BILLER])).arAging({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'SUBMISSION' })).arAging;
    expect(theirsReport).toMatchObject({ rows: [], total: 0, agedFromDateOfService: 0 });
  });

  it('answers exactly as the item-by-item definition, for every grouping and basis, on a ledger with every kind of item', async () => {
    const w = await world();
    const db = server.database.db;
    const other = await insertPayer(db, w.practiceId);
    // mulberry32: the same ledger on every run.
    let seed = 20_261_206;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const day = (offset: number) => new Date(Date.parse('2026-06-30T12:00:00Z') - offset * 86_400_000).toISOString().slice(0, 10);
    const visits: { id: string; patientId: string; claimId: string | null }[] = [];
    for (let i = 0; i < 12; i++) {
      const patientId = i % 3 === 0 ? w.other.id : w.patient.id;
      const id = await w.visit(patientId, day(Math.floor(rand() * 240)), 1_000 + Math.floor(rand() * 9_000));
      if (i % 4 === 1) await db.update(superbills).set({ payerId: (i % 8 === 1 ? w.payer : other).id }).where(eq(superbills.id, id));
      const submitted = rand() < 0.7 ? new Date(Date.parse('2026-07-05T03:00:00Z') - Math.floor(rand() * 200) * 86_400_000) : null;
      visits.push({ id, patientId, claimId: i % 2 === 0 ? await insertClaim(w, id, patientId, submitted) : null });
    }
    const claimed = visits.filter((v) => v.claimId);
    const entries = visits.flatMap((v, i) => {
      const on = { patientId: v.patientId, superbillId: v.id, effectiveDate: day(Math.floor(rand() * 200)), idempotencyKey: randomUUID() };
      // A self-pay superbill's entry naming a payer (its item's payer); an entry posted to a claim of another visit of the patient (that claim dates the item too).
      const elsewhere = claimed.find((c) => c.patientId === v.patientId && c.id !== v.id);
      return [
        { kind: LedgerEntryKind.CHARGE, bucket: LedgerBucket.INSURANCE, payerId: i % 3 === 0 ? w.payer.id : null, amountCents: 500 + i, ...on },
        { kind: LedgerEntryKind.PATIENT_PAYMENT, bucket: LedgerBucket.PATIENT, amountCents: -(100 + i), ...on, idempotencyKey: randomUUID(), claimId: i % 4 === 2 && elsewhere ? elsewhere.claimId : null },
      ];
    });
    // Entries on a claim only, and on the patient's account only (no superbill, no claim).
    for (const c of claimed.slice(0, 3)) entries.push({ kind: LedgerEntryKind.INSURANCE_PAYMENT, bucket: LedgerBucket.INSURANCE, payerId: w.payer.id, amountCents: -300, patientId: c.patientId, superbillId: null as never, effectiveDate: day(3), idempotencyKey: randomUUID(), claimId: c.claimId } as never);
    await postNow(db, w.actor, entries as never);
    for (const asOf of [AS_OF, '2026-05-15']) {
      for (const basis of [{ kind: 'DATE_OF_SERVICE' }, { kind: 'SUBMISSION', zone: 'America/New_York' }] as AgingBasis[]) {
        for (const groupBy of ['PAYER', 'PATIENT', 'PROVIDER', 'LOCATION'] as AgingGroup[]) {
          const expected = await perItemAging(w.practiceId, asOf, groupBy, basis);
          expect(expected.length, `${asOf} ${basis.kind} ${groupBy}`).toBeGreaterThan(0);
          expect(await agingByGroup(db, w.practiceId, asOf, groupBy, basis), `${asOf} ${basis.kind} ${groupBy}`).toEqual(expected);
        }
      }
    }
  });

  it('is for billers and admins only, shows nothing of another practice, and refuses a bad date', async () => {
    const w = await world();
    const Q = '{ arAging(asOf: "2026-06-30", groupBy: PAYER) { total } }';
    expect((await server.gql(await server.token(w.practiceId, [Role.PRACTICE_ADMIN]), Q)).data!.arAging.total).toBeGreaterThan(0);
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.ANALYST]) expect((await server.gql(await server.token(w.practiceId, [role]), Q)).errors![0]!.extensions.code, role).toBe('FORBIDDEN');
    const elsewhere = await accountsWorld(server.database.db);
    expect((await (await client(elsewhere.practiceId, [Role.BILLER])).arAging({ asOf: AS_OF, groupBy: 'PATIENT' })).arAging).toMatchObject({ rows: [], total: 0 });
    expect(isMedofficeError(await w.biller.arAging({ asOf: '2026-02-30', groupBy: 'PATIENT' }).catch((e: unknown) => e), 'BAD_USER_INPUT')).toBe(true);
  });
});
