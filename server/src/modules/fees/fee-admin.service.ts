import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { findPayersByIds } from '../insurance/payer.repo.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { modifierKey } from '../codes/code.rules.js';
import { runImport } from '../imports/import.service.js';
import { type FeeCsvError, formatFeeCsv } from './fee-csv.js';
import { scheduleFor } from './fee-schedule-for.js';
import { feeSchedulesImport } from './fee-schedules.import.js';
import { deleteEntriesByIds, type FeeEntryInsert, type FeeScheduleRow, findScheduleFor, insertEntries, listEntries } from './fee.repo.js';
import type { FeeEntryInput } from './fee.inputs.js';

const OPEN = '9999-12-31';

/**
 * Runs a write once more when it lost the race to create the schedule (unique violation 23505): the
 * second attempt finds the winner's schedule and queues on its row lock.
 */
async function retryOnCreateRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== '23505') throw err;
    return run();
  }
}

const overlaps = (a: { effectiveFrom: string; effectiveTo: string | null }, b: { effectiveFrom: string; effectiveTo: string | null }) =>
  a.effectiveFrom <= (b.effectiveTo ?? OPEN) && b.effectiveFrom <= (a.effectiveTo ?? OPEN);

/**
 * Sets prices in a schedule: an entry with the same code, modifiers and effectiveFrom is replaced, others
 * are added. All or nothing, audited.
 * @returns the schedule and the stored entries
 * @throws NOT_FOUND for another practice's payer; BAD_USER_INPUT (input.entries.<i>.effectiveFrom) when a
 * price would overlap another of the same code and modifiers, or effectiveTo precedes effectiveFrom
 */
export async function upsertFeeEntries(db: Db, principal: Principal, audit: AuditTrail, payerId: string | null, inputs: FeeEntryInput[]) {
  return retryOnCreateRace(() => db.transaction(async (tx) => {
    const schedule = await scheduleFor(tx, principal.practiceId, payerId);
    const existing = await listEntries(tx, principal.practiceId, schedule.id);
    const wanted = inputs.map((e) => ({ code: e.code.toUpperCase(), modifiers: modifierKey(e.modifiers), amountCents: e.amount, effectiveFrom: e.effectiveFrom, effectiveTo: e.effectiveTo ?? null, label: e.label ?? null }));
    const replaced = existing.filter((x) => wanted.some((w) => w.code === x.code && w.modifiers === x.modifiers && w.effectiveFrom === x.effectiveFrom));
    const kept = existing.filter((x) => !replaced.includes(x));
    const problems = wanted.flatMap((w, i) => {
      if (w.effectiveTo && w.effectiveTo < w.effectiveFrom) return [{ path: `input.entries.${i}.effectiveTo`, message: 'must not be before effectiveFrom' }];
      const others = [...kept, ...wanted.slice(0, i)];
      return others.some((o) => o.code === w.code && o.modifiers === w.modifiers && overlaps(o, w)) ? [{ path: `input.entries.${i}.effectiveFrom`, message: `overlaps another price of ${w.code} with the same modifiers` }] : [];
    });
    if (problems.length) throw badInput(problems);
    await deleteEntriesByIds(tx, principal.practiceId, replaced.map((r) => r.id));
    const rows = await insertEntries(tx, wanted.map((w): FeeEntryInsert => ({ ...w, practiceId: principal.practiceId, scheduleId: schedule.id })));
    await audit.write(tx, 'UPDATE', 'FeeSchedule', schedule.id);
    return { schedule, entries: rows };
  }));
}

/**
 * Replaces every entry of a schedule with the rows of a CSV, all or nothing: a run of the FEE_SCHEDULES
 * import with the schedule fixed (one framework: the same parsing, checks, record and audit as an upload;
 * the same file is refused twice for the same schedule).
 * @returns imported count and row problems in line order; when errors is non-empty nothing changed
 * @throws NOT_FOUND for another practice's payer
 */
export async function importFeeCsv(db: Db, principal: Principal, audit: AuditTrail, payerId: string | null, csv: string): Promise<{ schedule: FeeScheduleRow | null; imported: number; errors: FeeCsvError[] }> {
  if (payerId) {
    const [payer] = await findPayersByIds(db, principal.practiceId, [payerId]);
    if (!payer) throw notFound('Payer', payerId);
  }
  const run = await runImport(db, principal, audit, feeSchedulesImport({ payerId, replace: true }), [new TextEncoder().encode(csv)], { dryRun: false, scope: payerId ? `payer:${payerId}` : 'charge-master' });
  if (run.status !== 'COMMITTED') return { schedule: null, imported: 0, errors: [...run.problems].sort((a, b) => a.line - b.line) };
  return { schedule: await findScheduleFor(db, principal.practiceId, payerId), imported: run.rows, errors: [] };
}

/**
 * The schedule as CSV (same columns as the import). An empty schedule exports just the header.
 * @throws NOT_FOUND for another practice's payer
 */
export async function exportFeeCsv(db: Db, principal: Principal, payerId: string | null): Promise<string> {
  if (payerId) {
    const [payer] = await findPayersByIds(db, principal.practiceId, [payerId]);
    if (!payer) throw notFound('Payer', payerId);
  }
  const schedule = await findScheduleFor(db, principal.practiceId, payerId);
  return formatFeeCsv(schedule ? await listEntries(db, principal.practiceId, schedule.id) : []);
}
