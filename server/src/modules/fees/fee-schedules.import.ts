import type { ImportProblem, ImportTarget } from '../imports/import-target.js';
import { findPayersByEdiIds } from '../insurance/payer.repo.js';
import { FEE_CSV_COLUMNS, type FeePrice, parseFeeCells } from './fee-csv.js';
import { scheduleFor } from './fee-schedule-for.js';
import { deleteEntries, findEntriesOfCodes, insertEntries } from './fee.repo.js';

export interface FeeRowValue {
  /** The payer's EDI id as written ('' = the charge master); null when the schedule is fixed. */
  ediPayerId: string | null;
  /** The schedule's payer (null = charge master), resolved by `check`. */
  payerId: string | null;
  price: FeePrice;
}

export interface FeeScheduleImportOptions {
  /** One fixed schedule for every row (the importFeeScheduleCsv mutation): a payer's id, or null for the charge master. */
  payerId?: string | null;
  /** With a fixed schedule: the file replaces every entry of it (else the file's prices are added). */
  replace?: boolean;
}

const OPEN = '9999-12-31';
const overlaps = (a: { effectiveFrom: string; effectiveTo: string | null }, b: { effectiveFrom: string; effectiveTo: string | null }) =>
  a.effectiveFrom <= (b.effectiveTo ?? OPEN) && b.effectiveFrom <= (a.effectiveTo ?? OPEN);

/**
 * Fee schedules from CSV: payer_edi_id (empty: the charge master; else a payer of the directory, its
 * contracted amounts), code, modifiers, amount (dollars, to cents exactly), effective_from, effective_to,
 * label (see fee-csv.ts). Prices are effective-dated: a price overlapping another of the same schedule,
 * code and modifiers — already stored or earlier in the file — is a problem (the database refuses it too).
 * Schedules are created when missing; each schedule written is audited once. With a fixed schedule (the
 * importFeeScheduleCsv mutation) there is no payer column and `replace` swaps the schedule's entries.
 */
export const feeSchedulesImport = (opts: FeeScheduleImportOptions = {}): ImportTarget<FeeRowValue> => {
  const fixed = opts.payerId !== undefined;
  const replace = fixed && opts.replace === true;
  const earlier = new Map<string, { effectiveFrom: string; effectiveTo: string | null; line: number }[]>();
  const schedules = new Map<string, string>(); // payer ('' = charge master) → schedule id, once written
  return {
    name: 'FEE_SCHEDULES',
    columns: [...(fixed ? [] : [{ name: 'payer_edi_id', required: false }]), ...FEE_CSV_COLUMNS.map((name) => ({ name, required: name !== 'modifiers' && name !== 'effective_to' && name !== 'label' }))],
    keyColumn: 'effective_from',
    parse(c, line) {
      const { price, problems } = parseFeeCells(line, c);
      if (!price) return { value: null, problems };
      return { value: { ediPayerId: fixed ? null : (c.payer_edi_id ?? '').trim().toUpperCase(), payerId: fixed ? (opts.payerId ?? null) : null, price }, problems };
    },
    key: (v) => `${v.ediPayerId ?? ''}|${v.price.code}|${v.price.modifiers}|${v.price.effectiveFrom}`,
    async check(db, practiceId, batch) {
      const problems: ImportProblem[] = [];
      const named = batch.flatMap((r) => (r.value.ediPayerId ? [r.value.ediPayerId] : []));
      const payers = new Map((await findPayersByEdiIds(db, practiceId, named)).map((p) => [p.ediPayerId, p.id]));
      const stored = replace
        ? []
        : await findEntriesOfCodes(
            db,
            practiceId,
            batch.map((r) => r.value.price.code),
          );
      for (const { line, value: v } of batch) {
        if (v.ediPayerId) {
          const payerId = payers.get(v.ediPayerId);
          if (!payerId) {
            problems.push({ line, column: 'payer_edi_id', message: 'is not the EDI payer id of a payer in the directory' });
            continue;
          }
          v.payerId = payerId;
        }
        const p = v.price;
        const key = `${v.payerId ?? ''}|${p.code}|${p.modifiers}`;
        const clash = earlier.get(key)?.find((e) => overlaps(e, p));
        if (stored.some((e) => e.payerId === v.payerId && e.code === p.code && e.modifiers === p.modifiers && overlaps(e, p))) {
          problems.push({ line, column: 'effective_from', message: 'overlaps a price already in the schedule (same code and modifiers)' });
        } else if (clash) {
          problems.push({ line, column: 'effective_from', message: `overlaps line ${clash.line} (same code and modifiers)` });
        } else earlier.set(key, [...(earlier.get(key) ?? []), { effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo, line }]);
      }
      return problems;
    },
    async write(tx, principal, audit, batch) {
      for (const payerId of new Set(batch.map((r) => r.value.payerId))) {
        if (schedules.has(payerId ?? '')) continue;
        // Created when missing and locked for the rest of the import (writers of a schedule take turns).
        const schedule = await scheduleFor(tx, principal.practiceId, payerId);
        if (replace) await deleteEntries(tx, principal.practiceId, schedule.id);
        schedules.set(payerId ?? '', schedule.id);
        await audit.write(tx, 'UPDATE', 'FeeSchedule', schedule.id);
      }
      await insertEntries(
        tx,
        batch.map(({ value: { payerId, price } }) => ({ ...price, practiceId: principal.practiceId, scheduleId: schedules.get(payerId ?? '')! })),
      );
    },
  };
};
