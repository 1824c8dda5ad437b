import { randomUUID } from 'node:crypto';
import type { Db } from '../../../server/src/db/client.js';
import { claimStatusHistory, claims } from '../../../server/src/db/schema/claims.js';
import { coverages } from '../../../server/src/db/schema/insurance.js';
import { ledgerEntries } from '../../../server/src/db/schema/ledger.js';
import { remittanceAdjustments, remittanceClaims, remittances } from '../../../server/src/db/schema/remittances.js';
import { appointments } from '../../../server/src/db/schema/scheduling.js';
import { superbills } from '../../../server/src/db/schema/superbills.js';
import { nextClaimNumber } from '../../../server/src/modules/claims/claim.repo.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { rng } from './analytics-data.js';

type Entry = typeof ledgerEntries.$inferInsert;
const BILLING = { name: 'Synthetic Billing', npi: '1234567893', tin: '123456789', address: null };
const day = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => day(new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000));

/**
 * Random billing history on a practice of `randomPractice`: a superbill and a charge for each completed
 * visit (two payers and self-pay), claims with first submissions, rejections and resubmissions, pending
 * answers, posted remittances (paid with CO/PR, denied with CAS reasons, some reversed), insurance and
 * patient payments, write-offs, refunds and reversed entries — inserted straight into the tables.
 */
export async function randomBilling(db: Db, seed: number, practiceId: string) {
  const r = rng(seed + 7);
  const payers = [await insertPayer(db, practiceId), await insertPayer(db, practiceId)];
  const visits = (await db.select().from(appointments)).filter((a) => a.practiceId === practiceId && a.status === 'COMPLETED');
  const coverage = new Map<string, string>();
  const ledger: Entry[] = [];
  const reversals: { of: Entry; date: string }[] = [];
  const entry = (e: Omit<Entry, 'practiceId' | 'createdBy' | 'id'>): Entry => {
    const row = { ...e, id: randomUUID(), practiceId, createdBy: 'test' } as Entry;
    ledger.push(row);
    return row;
  };
  for (const a of visits) {
    const payer = r.next() < 0.25 ? null : r.pick(payers);
    const dos = day(a.startsAt);
    const charge = r.int(50, 300) * 100;
    const [sb] = await db
      .insert(superbills)
      .values({ practiceId, appointmentId: a.id, patientId: a.patientId, renderingProviderId: a.providerId, locationId: a.locationId, payerId: payer?.id ?? null, status: 'FINALIZED', billingProvider: BILLING, dateOfService: dos, placeOfServiceCode: '11', totalChargeCents: charge, createdBy: 'test' })
      .returning();
    const base = { patientId: a.patientId, superbillId: sb!.id, superbillLinePosition: 1 };
    const chargeRow = entry({ ...base, kind: 'CHARGE', bucket: payer ? 'INSURANCE' : 'PATIENT', amountCents: charge, effectiveDate: dos, payerId: payer?.id ?? null });
    if (r.next() < 0.05) {
      reversals.push({ of: chargeRow, date: plusDays(dos, 3) });
      entry({ ...base, kind: 'CHARGE', bucket: chargeRow.bucket, amountCents: charge, effectiveDate: plusDays(dos, 3), payerId: payer?.id ?? null });
    }
    if (!payer) {
      if (r.next() < 0.6) entry({ ...base, kind: 'PATIENT_PAYMENT', bucket: 'PATIENT', amountCents: -charge, effectiveDate: plusDays(dos, r.int(0, 40)) });
      if (r.next() < 0.1) entry({ ...base, kind: 'WRITE_OFF', bucket: 'PATIENT', amountCents: -r.int(1, 20) * 100, effectiveDate: plusDays(dos, r.int(30, 120)), reason: 'test' });
      if (r.next() < 0.05) entry({ ...base, kind: 'REFUND', bucket: 'PATIENT', amountCents: r.int(1, 20) * 100, effectiveDate: plusDays(dos, r.int(10, 60)) });
      continue;
    }
    const key = `${a.patientId}|${payer.id}`;
    if (!coverage.has(key)) {
      const [c] = await db.insert(coverages).values({ practiceId, patientId: a.patientId, payerId: payer.id, memberId: 'XZ000000001', subscriberRelationship: 'SELF', coverageOrder: payer === payers[0] ? 'PRIMARY' : 'SECONDARY', effectiveDate: '2025-01-01' }).returning();
      coverage.set(key, c!.id);
    }
    const number = await nextClaimNumber(db);
    const [claim] = await db
      .insert(claims)
      .values({ practiceId, number, patientAccountNumber: `T${number}`, superbillId: sb!.id, patientId: a.patientId, payerId: payer.id, coverageId: coverage.get(key)!, locationId: a.locationId, status: 'READY', dateOfService: dos, totalChargeCents: charge, snapshot: {} as never, createdBy: 'test' })
      .returning();
    const submitted = new Date(a.startsAt.getTime() + r.int(1, 10) * 86_400_000 + r.int(0, 23) * 3_600_000);
    const history: { to: string; at: Date }[] = [{ to: 'READY', at: a.startsAt }];
    if (r.next() < 0.1) {
      // Never submitted: counts nowhere in the claim metrics.
      await db.insert(claimStatusHistory).values(history.map((h) => ({ practiceId, claimId: claim!.id, toStatus: h.to, revision: 1, source: 'USER', changedBy: 'test', changedAt: h.at })));
      continue;
    }
    history.push({ to: 'SUBMITTED', at: submitted });
    const answer = r.next();
    let at = new Date(submitted.getTime() + r.int(1, 3) * 86_400_000);
    if (answer < 0.12) {
      // Pending: no answer yet.
      await db.insert(claimStatusHistory).values(history.map((h) => ({ practiceId, claimId: claim!.id, toStatus: h.to, revision: 1, source: 'USER', changedBy: 'test', changedAt: h.at })));
      continue;
    }
    if (answer < 0.3) {
      history.push({ to: 'REJECTED', at }, { to: 'DRAFT', at }, { to: 'READY', at }, { to: 'SUBMITTED', at: new Date(at.getTime() + 86_400_000) });
      at = new Date(at.getTime() + 2 * 86_400_000);
    }
    history.push({ to: 'ACCEPTED', at });
    const paidOn = plusDays(day(at), r.int(5, 40));
    if (r.next() < 0.8) {
      const denied = r.next() < 0.35;
      const paid = denied ? 0 : Math.round(charge * (r.int(40, 80) / 100));
      const pr = denied ? 0 : r.pick([0, 0, 2000, Math.round(charge * 0.1)]);
      const [rem] = await db
        .insert(remittances)
        .values({ practiceId, status: 'POSTED', idempotencyKey: randomUUID(), fileSha256: randomUUID(), traceNumber: randomUUID(), tracePayerId: '1', rawX12: 'x', postedBy: 'test', paymentDate: paidOn })
        .returning();
      const reversed = r.next() < 0.05;
      const [rc] = await db
        .insert(remittanceClaims)
        .values({ practiceId, remittanceId: rem!.id, claimIndex: 0, claimId: claim!.id, patientId: a.patientId, payerId: payer.id, outcome: 'POSTED', patientAccountNumber: `T${number}`, statusCode: denied ? '4' : '1', chargeCents: charge, paidCents: paid, reversedById: reversed ? randomUUID() : null })
        .returning();
      history.push({ to: denied ? 'DENIED' : 'PAID', at: new Date(`${paidOn}T15:00:00Z`) });
      if (denied) {
        const reasons = [r.pick([['CO', '50'], ['CO', '50'], ['PI', '16']]), ...(r.next() < 0.3 ? [r.pick([['CO', '197'], ['OA', '29']])] : [])];
        await db.insert(remittanceAdjustments).values(reasons.map(([g, c], position) => ({ practiceId, remittanceClaimId: rc!.id, position, groupCode: g!, reasonCode: c!, amountCents: charge })));
        if (r.next() < 0.5) entry({ ...base, claimId: claim!.id, kind: 'OTHER_ADJUSTMENT', bucket: 'INSURANCE', groupCode: 'PI', reasonCode: '16', amountCents: -Math.round(charge / 2), effectiveDate: paidOn, remittanceId: rem!.id, payerId: payer.id });
      } else {
        const claimBase = { ...base, claimId: claim!.id, remittanceId: rem!.id, payerId: payer.id, effectiveDate: paidOn };
        const payment = entry({ ...claimBase, kind: 'INSURANCE_PAYMENT', bucket: 'INSURANCE', amountCents: -paid });
        if (charge - paid - pr > 0) entry({ ...claimBase, kind: 'CONTRACTUAL_ADJUSTMENT', bucket: 'INSURANCE', amountCents: -(charge - paid - pr), groupCode: 'CO', reasonCode: '45' });
        if (pr > 0) {
          entry({ ...claimBase, kind: 'PATIENT_RESPONSIBILITY', bucket: 'PATIENT', counterBucket: 'INSURANCE', amountCents: pr, groupCode: 'PR', reasonCode: r.pick(['1', '2', '3']) });
          if (r.next() < 0.6) entry({ ...base, kind: 'PATIENT_PAYMENT', bucket: 'PATIENT', amountCents: -pr, effectiveDate: plusDays(paidOn, r.int(0, 30)) });
        }
        if (r.next() < 0.06) reversals.push({ of: payment, date: plusDays(paidOn, r.int(1, 20)) });
      }
    }
    await db.insert(claimStatusHistory).values(history.map((h) => ({ practiceId, claimId: claim!.id, toStatus: h.to, revision: 1, source: 'USER', changedBy: 'test', changedAt: h.at })));
  }
  await db.insert(ledgerEntries).values(ledger);
  if (reversals.length) {
    await db.insert(ledgerEntries).values(
      reversals.map(({ of, date }) => ({ ...of, id: randomUUID(), kind: 'REVERSAL', amountCents: -of.amountCents, reversesId: of.id, reason: 'test correction', effectiveDate: date, groupCode: null, reasonCode: null, payerId: null })),
    );
  }
  return { payers };
}
