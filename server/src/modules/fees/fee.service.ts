import type { Db } from '../../db/client.js';
import { modifierKey, normalizeCode } from '../codes/code.rules.js';
import { findEntriesInForce, type PricedEntryRow } from './fee.repo.js';

/** One line to price. */
export interface FeeLine {
  code: string;
  modifiers?: readonly string[];
}

/** The price of one line on a date. */
export interface FeeQuote {
  /** Normalised code. */
  code: string;
  /** Modifier key as stored (sorted, comma-joined). */
  modifiers: string;
  /** The practice's charge (charge master), in cents; null when the code is not in it. */
  chargeCents: number | null;
  /** The payer's contracted allowed amount, in cents; null without a payer or an entry. */
  allowedCents: number | null;
  /** The practice's own label of the code (charge master). */
  label: string | null;
  chargeEntryId: string | null;
  allowedEntryId: string | null;
}

/**
 * Picks the entry for a line from candidates: the exact modifier set first, else the no-modifier price
 * (a modifier such as 25 or 95 usually does not change the fee).
 */
function pick(rows: PricedEntryRow[], code: string, key: string, payerId: string | null): PricedEntryRow | null {
  const mine = rows.filter((r) => r.code === code && r.payerId === payerId);
  return mine.find((r) => r.modifiers === key) ?? mine.find((r) => r.modifiers === '') ?? null;
}

/**
 * Prices lines of one date of service (and payer) in one SQL statement: the charge from the charge
 * master and the allowed amount from the payer's contract, each in force on that date.
 * @param payerId - the payer whose contract applies; null/undefined for the charge only
 * @returns one quote per line, in input order
 */
export async function feesFor(db: Db, practiceId: string, q: { dateOfService: string; payerId?: string | null; lines: readonly FeeLine[] }): Promise<FeeQuote[]> {
  const lines = q.lines.map((l) => ({ code: normalizeCode(l.code), key: modifierKey(l.modifiers ?? []) }));
  const payerId = q.payerId ?? null;
  const rows = await findEntriesInForce(db, practiceId, lines.map((l) => l.code), ['', ...lines.map((l) => l.key)], q.dateOfService, payerId);
  return lines.map(({ code, key }) => {
    const charge = pick(rows, code, key, null);
    const allowed = payerId ? pick(rows, code, key, payerId) : null;
    return { code, modifiers: key, chargeCents: charge?.amountCents ?? null, allowedCents: allowed?.amountCents ?? null, label: charge?.label ?? allowed?.label ?? null, chargeEntryId: charge?.id ?? null, allowedEntryId: allowed?.id ?? null };
  });
}

/**
 * The fee of one code (+ modifiers) on a date: `feeFor(code, modifiers, payerId?, dateOfService)`.
 * @returns the quote (chargeCents null when the code is not in the charge master)
 */
export async function feeFor(db: Db, practiceId: string, q: { code: string; modifiers?: readonly string[]; payerId?: string | null; dateOfService: string }): Promise<FeeQuote> {
  const [quote] = await feesFor(db, practiceId, { dateOfService: q.dateOfService, payerId: q.payerId, lines: [{ code: q.code, modifiers: q.modifiers }] });
  return quote!;
}
