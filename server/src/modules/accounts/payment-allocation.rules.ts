import type { FieldProblem } from '../../graphql/errors.js';

/** An open patient balance a payment can go to: a superbill (visit) with what the patient still owes on it. */
export interface OpenItem {
  superbillId: string;
  dateOfService: string;
  openCents: number;
}

/** Part of a payment: to a superbill, or (superbillId null) kept on the account as a credit. */
export interface Allocation {
  superbillId: string | null;
  amountCents: number;
}

/**
 * Splits a payment over the patient's open items. Without explicit allocations the oldest items (date of
 * service, as given in order) are paid first; with them, each must name an open item of this patient and
 * stay within its open amount, and together within the payment. Whatever is left stays as a credit.
 * @param items - the patient's open items, oldest first
 * @returns the allocations (credit last, only when positive) or the problems found
 */
export function allocatePayment(amountCents: number, items: readonly OpenItem[], explicit: readonly Allocation[] | null): { allocations: Allocation[] } | { problems: FieldProblem[] } {
  if (explicit === null) {
    let left = amountCents;
    const allocations: Allocation[] = [];
    for (const item of items) {
      if (left === 0) break;
      const take = Math.min(left, item.openCents);
      if (take > 0) allocations.push({ superbillId: item.superbillId, amountCents: take });
      left -= take;
    }
    return { allocations: left > 0 ? [...allocations, { superbillId: null, amountCents: left }] : allocations };
  }
  const problems: FieldProblem[] = [];
  const open = new Map(items.map((i) => [i.superbillId, i.openCents]));
  const seen = new Set<string>();
  let total = 0;
  for (const [i, a] of explicit.entries()) {
    const path = `input.allocations.${i}`;
    if (!Number.isSafeInteger(a.amountCents) || a.amountCents <= 0) problems.push({ path: `${path}.amount`, message: 'must be a positive whole number of cents' });
    if (a.superbillId === null) continue;
    if (seen.has(a.superbillId)) problems.push({ path: `${path}.superbillId`, message: 'is allocated twice' });
    seen.add(a.superbillId);
    const o = open.get(a.superbillId);
    if (o === undefined) problems.push({ path: `${path}.superbillId`, message: 'is not an open balance of this patient' });
    else if (a.amountCents > o) problems.push({ path: `${path}.amount`, message: `exceeds the open patient balance of the superbill (${o} cents)` });
    total += a.amountCents;
  }
  if (total > amountCents) problems.push({ path: 'input.allocations', message: `add up to ${total} cents, more than the payment (${amountCents})` });
  if (problems.length) return { problems };
  const allocations = explicit.filter((a) => a.superbillId !== null).map((a) => ({ superbillId: a.superbillId, amountCents: a.amountCents }));
  return { allocations: total < amountCents ? [...allocations, { superbillId: null, amountCents: amountCents - total }] : allocations };
}

/**
 * Where a refund comes from: first what the payment left as a credit, then its allocations newest first,
 * each at most what is still unrefunded of it.
 * @param remaining - per allocation of the payment (in the payment's order, credit last), what is not yet refunded
 */
export function allocateRefund(amountCents: number, remaining: readonly Allocation[]): Allocation[] {
  const order = [...remaining.filter((a) => a.superbillId === null), ...remaining.filter((a) => a.superbillId !== null).reverse()];
  let left = amountCents;
  const out: Allocation[] = [];
  for (const a of order) {
    if (left === 0) break;
    const take = Math.min(left, a.amountCents);
    if (take > 0) out.push({ superbillId: a.superbillId, amountCents: take });
    left -= take;
  }
  return out;
}
