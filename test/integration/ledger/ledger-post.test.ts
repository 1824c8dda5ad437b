import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { superbillDiagnoses, superbillLines, superbills } from '../../../server/src/db/schema/superbills.js';
import { balances } from '../../../server/src/modules/ledger/ledger-balance.service.js';
import type { EntryDraft } from '../../../server/src/modules/ledger/ledger-draft.js';
import { LedgerBucket, LedgerEntryKind } from '../../../server/src/modules/ledger/ledger-kind.js';
import { post, reverse } from '../../../server/src/modules/ledger/ledger-post.service.js';
import { officeWithProvider } from '../../factories/appointment.factory.js';
import { drafts, insertBareClaim, key, ledgerWorld, postNow } from '../../factories/ledger.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The error a call failed with: code and field paths. */
async function failure(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    const e = err as { extensions?: { code?: string; fields?: { path: string }[] } };
    return { code: e.extensions?.code ?? String(err), paths: e.extensions?.fields?.map((f) => f.path) ?? [] };
  }
  throw new Error('expected a failure');
}

const entriesOf = (practiceId: string) => database.db.select().from(ledgerEntries).where(eq(ledgerEntries.practiceId, practiceId));

describe('posting', () => {
  it('posts a claim line through adjudication and computes its balances from the entries', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const p = w.patient.id;
    const claim = await insertBareClaim(db, w.practiceId, p, w.payer.id);
    // Line 1: $200 charged, $120 paid, $50 contractual, $30 coinsurance to the patient, who pays $10.
    // Line 2: $80 charged, still with the payer.
    const posted = await postNow(db, w.actor, [
      drafts.charge(p, claim, 1, 20_000), drafts.charge(p, claim, 2, 8_000), drafts.paid(p, claim, 1, 12_000, w.payer.id), drafts.co(p, claim, 1, 5_000), drafts.pr(p, claim, 1, 3_000), drafts.patientPaid(p, 1_000, claim, 1),
    ]);
    expect(posted.map((x) => x.replayed)).toEqual([false, false, false, false, false, false]);
    expect(posted[4]!.entry).toMatchObject({ kind: 'PATIENT_RESPONSIBILITY', bucket: 'PATIENT', counterBucket: 'INSURANCE', amountCents: 3_000, insuranceCents: -3_000, patientCents: 3_000, groupCode: 'PR', reasonCode: '2' });
    const c = await balances(db, w.practiceId, { claimId: claim });
    expect(c.total).toEqual({ insuranceCents: 8_000, patientCents: 2_000, creditCents: 0, totalCents: 10_000 });
    expect(c.lines).toEqual([
      { position: 1, balance: { insuranceCents: 0, patientCents: 2_000, creditCents: 0, totalCents: 2_000 } },
      { position: 2, balance: { insuranceCents: 8_000, patientCents: 0, creditCents: 0, totalCents: 8_000 } },
    ]);
    // An over-payment on the account is a credit; the patient's total nets it.
    await postNow(db, w.actor, [drafts.patientPaid(p, 5_000)]);
    const pb = await balances(db, w.practiceId, { patientId: p });
    expect(pb.total).toEqual({ insuranceCents: 8_000, patientCents: 0, creditCents: 3_000, totalCents: 5_000 });
    expect(pb.claims).toEqual(expect.arrayContaining([{ claimId: claim, balance: c.total }, { claimId: null, balance: { insuranceCents: 0, patientCents: 0, creditCents: 5_000, totalCents: -5_000 } }]));
    // Another patient and a claim with no entries have no balance but zero.
    expect((await balances(db, w.practiceId, { patientId: w.other.id })).total.totalCents).toBe(0);
    expect(await balances(db, w.practiceId, { claimId: randomUUID() })).toMatchObject({ lines: [], total: { totalCents: 0 } });
    expect(await failure(() => balances(db, w.practiceId, { patientId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records an idempotency key once: a replay returns the first entry, other content with the key is refused', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const charge = drafts.charge(w.patient.id, null, null, 4_200);
    const [first] = await postNow(db, w.actor, [charge]);
    const [again] = await postNow(db, w.actor, [charge]);
    expect(again).toEqual({ entry: first!.entry, replayed: true });
    expect(await failure(() => postNow(db, w.actor, [{ ...charge, amountCents: 4_300 }]))).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', paths: [] });
    expect(await failure(() => postNow(db, w.actor, [drafts.charge(w.patient.id, null, null, 1), { ...drafts.charge(w.patient.id, null, null, 2), idempotencyKey: charge.idempotencyKey }]))).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const twice = drafts.charge(w.patient.id, null, null, 5);
    expect(await failure(() => postNow(db, w.actor, [twice, { ...twice }]))).toEqual({ code: 'BAD_USER_INPUT', paths: ['entries.1.idempotencyKey'] });
    // Nothing of the refused postings was stored (all or none).
    expect((await entriesOf(w.practiceId)).map((r) => r.amountCents)).toEqual([4_200]);
  });

  it('posts once when many postings with the same key run at once', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const payment = drafts.patientPaid(w.patient.id, 2_500);
    const results = await Promise.all(Array.from({ length: 8 }, () => postNow(db, w.actor, [payment])));
    const ids = new Set(results.map(([r]) => r!.entry.id));
    expect(ids.size).toBe(1);
    expect(results.filter(([r]) => !r!.replayed)).toHaveLength(1);
    expect(await entriesOf(w.practiceId)).toHaveLength(1);
    // The same key for another patient at the same time: one wins, the other is told the key is taken.
    const shared = key('shared');
    const settled = await Promise.allSettled([postNow(db, w.actor, [{ ...drafts.charge(w.patient.id, null, null, 100), idempotencyKey: shared }]), postNow(db, w.actor, [{ ...drafts.charge(w.other.id, null, null, 100), idempotencyKey: shared }])]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason.extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('reverses an entry exactly once, also when reversals race, and never a reversal', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const claim = await insertBareClaim(db, w.practiceId, w.patient.id, w.payer.id);
    const [charge, pr] = await postNow(db, w.actor, [drafts.charge(w.patient.id, claim, 1, 9_000), drafts.pr(w.patient.id, claim, 1, 2_000)]);
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => db.transaction((tx) => reverse(tx, w.actor, pr!.entry.id, 'payer reprocessed the claim'))));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled.filter((x) => x.status === 'rejected')) expect((s as PromiseRejectedResult).reason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    const reversal = (settled.find((s) => s.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof reverse>>>).value.entry;
    expect(reversal).toMatchObject({ kind: 'REVERSAL', reversesId: pr!.entry.id, amountCents: -2_000, insuranceCents: 2_000, patientCents: -2_000, bucket: 'PATIENT', counterBucket: 'INSURANCE', claimId: claim, claimLinePosition: 1, reason: 'payer reprocessed the claim' });
    expect(await failure(() => db.transaction((tx) => reverse(tx, w.actor, reversal.id, 'undo the undo')))).toEqual({ code: 'BAD_USER_INPUT', paths: ['input.id'] });
    // With a key a retried reversal replays instead of failing.
    const keyed = key('rev');
    const first = await db.transaction((tx) => reverse(tx, w.actor, charge!.entry.id, 'duplicate charge', { idempotencyKey: keyed }));
    const retry = await db.transaction((tx) => reverse(tx, w.actor, charge!.entry.id, 'duplicate charge', { idempotencyKey: keyed }));
    expect(retry).toEqual({ entry: first.entry, replayed: true });
    // Two reversals of one entry in one posting are refused before anything is stored.
    const [other] = await postNow(db, w.actor, [drafts.charge(w.patient.id, null, null, 100)]);
    const twice = { kind: LedgerEntryKind.REVERSAL as const, reversesId: other!.entry.id, reason: 'x', effectiveDate: '2026-03-03' };
    expect(await failure(() => db.transaction((tx) => post(tx, w.actor, [twice, { ...twice }])))).toEqual({ code: 'BAD_USER_INPUT', paths: ['entries.1.reversesId'] });
    expect((await balances(db, w.practiceId, { claimId: claim })).total.totalCents).toBe(0);
  });
});

describe('bad input changes nothing', () => {
  it('refuses cents that are not integers, zero, out of bounds or of the wrong sign, and wrong buckets and codes', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const p = w.patient.id;
    const claim = randomUUID();
    const cases: [EntryDraft, string][] = [
      [{ ...drafts.charge(p, null, null, 1), amountCents: 10.5 }, 'entries.0.amountCents'],
      [{ ...drafts.charge(p, null, null, 1), amountCents: 0 }, 'entries.0.amountCents'],
      [{ ...drafts.charge(p, null, null, 1), amountCents: 100_000_001 }, 'entries.0.amountCents'],
      [{ ...drafts.charge(p, null, null, 1), amountCents: Number.NaN }, 'entries.0.amountCents'],
      [{ ...drafts.charge(p, null, null, 1), amountCents: -100 }, 'entries.0.amountCents'],
      [{ ...drafts.paid(p, claim, 1, 100), amountCents: 100 }, 'entries.0.amountCents'],
      [{ ...drafts.patientPaid(p, 100), bucket: LedgerBucket.INSURANCE }, 'entries.0.bucket'],
      [{ ...drafts.co(p, claim, 1, 100), groupCode: 'PR' }, 'entries.0.groupCode'],
      [{ ...drafts.pr(p, claim, 1, 100), reasonCode: 'deductible' }, 'entries.0.reasonCode'],
      [{ ...drafts.charge(p, null, null, 1), groupCode: 'CO' }, 'entries.0.groupCode'],
      [{ ...drafts.charge(p, null, 3, 1) }, 'entries.0.claimLinePosition'],
      [{ ...drafts.charge(p, claim, 51, 1) }, 'entries.0.claimLinePosition'],
      [{ ...drafts.charge(p, null, null, 1), effectiveDate: '2026-02-30' }, 'entries.0.effectiveDate'],
      [{ ...drafts.charge(p, null, null, 1), effectiveDate: '2999-01-01' }, 'entries.0.effectiveDate'],
      [{ kind: LedgerEntryKind.WRITE_OFF, patientId: p, bucket: LedgerBucket.PATIENT, amountCents: -100, effectiveDate: '2026-03-02', reason: ' ' }, 'entries.0.reason'],
      [{ ...drafts.charge('not-an-id', null, null, 1) }, 'entries.0.patientId'],
    ];
    for (const [draft, path] of cases) expect(await failure(() => postNow(db, w.actor, [draft])), path).toEqual({ code: 'BAD_USER_INPUT', paths: [path] });
    expect(await entriesOf(w.practiceId)).toEqual([]);
  });

  it('reports a patient, payer or entry of another practice as not found', async () => {
    const db = database.db;
    const w = await ledgerWorld(db);
    const elsewhere = await ledgerWorld(db);
    const [theirs] = await postNow(db, elsewhere.actor, [drafts.charge(elsewhere.patient.id, null, null, 500)]);
    expect(await failure(() => postNow(db, w.actor, [drafts.charge(randomUUID(), null, null, 500)]))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(() => postNow(db, w.actor, [drafts.charge(elsewhere.patient.id, null, null, 500)]))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(() => postNow(db, w.actor, [drafts.paid(w.patient.id, randomUUID(), 1, 500, elsewhere.payer.id)]))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(() => db.transaction((tx) => reverse(tx, w.actor, theirs!.entry.id, 'not ours')))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await entriesOf(w.practiceId)).toEqual([]);
    expect(await entriesOf(elsewhere.practiceId)).toHaveLength(1);
  });

  it('charges a superbill line only for the superbill\'s patient and a line it has', async () => {
    const db = database.db;
    const office = await officeWithProvider(db);
    const [a, b] = [await insertPatient(db, office.practiceId), await insertPatient(db, office.practiceId)];
    const [bill] = await db
      .insert(superbills)
      .values({ practiceId: office.practiceId, patientId: a.id, renderingProviderId: office.provider.id, locationId: office.location.id, billingProvider: { name: 'Synthetic Group', tin: null, npi: null, address: null }, dateOfService: '2026-03-02', placeOfServiceCode: '11', createdBy: 't' })
      .returning();
    await db.insert(superbillDiagnoses).values({ practiceId: office.practiceId, superbillId: bill!.id, position: 1, code: 'I10' });
    await db.insert(superbillLines).values({ practiceId: office.practiceId, superbillId: bill!.id, position: 1, code: '99213', modifiers: [], units: 1, unitFeeCents: 13_000, chargeCents: 13_000, diagnosisPointers: [1] });
    const actor = { practiceId: office.practiceId, userId: 't' };
    const line = (patientId: string, position: number): EntryDraft => ({ ...drafts.charge(patientId, null, null, 13_000), superbillId: bill!.id, superbillLinePosition: position });
    expect(await failure(() => postNow(db, actor, [line(b.id, 1)]))).toEqual({ code: 'BAD_USER_INPUT', paths: ['entries.0.superbillId'] });
    expect(await failure(() => postNow(db, actor, [line(a.id, 2)]))).toEqual({ code: 'BAD_USER_INPUT', paths: ['entries.0.superbillLinePosition'] });
    const elsewhere = await ledgerWorld(db);
    expect(await failure(() => postNow(db, elsewhere.actor, [{ ...line(elsewhere.patient.id, 1) }]))).toMatchObject({ code: 'NOT_FOUND' });
    const [posted] = await postNow(db, actor, [line(a.id, 1)]);
    expect(posted!.entry).toMatchObject({ superbillId: bill!.id, superbillLinePosition: 1, patientId: a.id, amountCents: 13_000 });
    expect(await entriesOf(office.practiceId)).toHaveLength(1);
  });
});
