import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { superbills } from '../../../server/src/db/schema/superbills.js';
import { Role } from '../../../server/src/graphql/roles.js';
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

describe('arAging', () => {
  it('puts each open item in its age bucket per group, and the totals equal the ledger as of the date', async () => {
    const w = await world();
    const byPatient = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PATIENT' })).arAging;
    expect(byPatient).toMatchObject({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'DATE_OF_SERVICE', note: null });
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

    const submission = (await w.biller.arAging({ asOf: AS_OF, groupBy: 'PATIENT', basis: 'SUBMISSION' })).arAging;
    expect(submission).toMatchObject({ basis: 'DATE_OF_SERVICE', note: expect.stringContaining('date of service') });
    const reads = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'PatientBalance', action: 'READ' });
    expect(new Set(reads.map((r) => r.patientId))).toEqual(new Set([w.patient.id, w.other.id]));
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
