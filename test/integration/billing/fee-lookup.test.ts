import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/src/db/client.js';
import { insertEntries, insertSchedule } from '../../../server/src/modules/fees/fee.repo.js';
import { feeFor, feesFor } from '../../../server/src/modules/fees/fee.service.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { openTestDatabase } from '../../helpers/test-db.js';

let database: Database;
let practiceId: string;
let payerA: string;
let payerB: string;
beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  practiceId = await createPractice(db);
  payerA = (await insertPayer(db, practiceId)).id;
  payerB = (await insertPayer(db, practiceId)).id;
  const master = await insertSchedule(db, practiceId, 'Charge master', null);
  const contractA = await insertSchedule(db, practiceId, 'A contract', payerA);
  await insertEntries(db, [
    { practiceId, scheduleId: master.id, code: '99213', amountCents: 12500, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', label: 'Visit, est.' },
    { practiceId, scheduleId: master.id, code: '99213', amountCents: 13500, effectiveFrom: '2026-01-01', label: 'Visit, est.' },
    { practiceId, scheduleId: master.id, code: '20610', modifiers: 'LT', amountCents: 30000, effectiveFrom: '2025-01-01' },
    { practiceId, scheduleId: master.id, code: '20610', amountCents: 28000, effectiveFrom: '2025-01-01' },
    { practiceId, scheduleId: contractA.id, code: '99213', amountCents: 8100, effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' },
    { practiceId, scheduleId: contractA.id, code: '99213', amountCents: 8400, effectiveFrom: '2025-07-01' },
  ]);
});
afterAll(() => database.close());

describe('feeFor', () => {
  it('takes the charge and the allowed amount in force on the date of service', async () => {
    const db = database.db;
    expect(await feeFor(db, practiceId, { code: '99213', dateOfService: '2025-12-31' })).toMatchObject({ chargeCents: 12500, allowedCents: null, label: 'Visit, est.' });
    expect(await feeFor(db, practiceId, { code: '99213', dateOfService: '2026-01-01', payerId: payerA })).toMatchObject({ chargeCents: 13500, allowedCents: 8400 });
    expect(await feeFor(db, practiceId, { code: '99213', dateOfService: '2025-06-30', payerId: payerA })).toMatchObject({ chargeCents: 12500, allowedCents: 8100 });
    // A payer without a contract: the charge only.
    expect(await feeFor(db, practiceId, { code: '99213', dateOfService: '2026-02-01', payerId: payerB })).toMatchObject({ chargeCents: 13500, allowedCents: null });
    expect(await feeFor(db, practiceId, { code: '99213', dateOfService: '2024-12-31' })).toMatchObject({ chargeCents: null, allowedCents: null });
  });

  it('prefers the exact modifier set, else the price without modifiers', async () => {
    const db = database.db;
    expect(await feeFor(db, practiceId, { code: '20610', modifiers: ['lt'], dateOfService: '2026-01-05' })).toMatchObject({ chargeCents: 30000, modifiers: 'LT' });
    expect(await feeFor(db, practiceId, { code: '20610', modifiers: ['RT'], dateOfService: '2026-01-05' })).toMatchObject({ chargeCents: 28000 });
    expect(await feeFor(db, practiceId, { code: '99213', modifiers: ['95', '25'], dateOfService: '2026-01-05', payerId: payerA })).toMatchObject({ chargeCents: 13500, allowedCents: 8400, modifiers: '25,95' });
  });

  it('prices many lines in one statement and never sees another practice', async () => {
    const quotes = await feesFor(database.db, practiceId, { dateOfService: '2026-03-01', payerId: payerA, lines: [{ code: '99213' }, { code: '20610', modifiers: ['LT'] }, { code: '99999' }] });
    expect(quotes.map((q) => [q.chargeCents, q.allowedCents])).toEqual([[13500, 8400], [30000, null], [null, null]]);
    const other = await createPractice(database.db);
    expect(await feeFor(database.db, other, { code: '99213', dateOfService: '2026-03-01', payerId: payerA })).toMatchObject({ chargeCents: null, allowedCents: null });
  });

  it('refuses overlapping prices for the same code and modifiers at the database', async () => {
    const [master] = await database.db.query.feeSchedules.findMany({ where: (s, { eq, and, isNull }) => and(eq(s.practiceId, practiceId), isNull(s.payerId)) });
    const err = await insertEntries(database.db, [{ practiceId, scheduleId: master!.id, code: '99213', amountCents: 1, effectiveFrom: '2026-06-01' }]).catch((e) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('23P01');
  });
});
