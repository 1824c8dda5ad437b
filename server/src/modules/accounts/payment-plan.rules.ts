/** Where one installment stands on a date. */
export enum InstallmentStatus {
  PAID = 'PAID',
  /** Due on or after the date, not paid in full yet. */
  UPCOMING = 'UPCOMING',
  /** Its due date has passed and the payments so far do not cover it. */
  MISSED = 'MISSED',
}

export interface Installment {
  number: number;
  dueDate: string;
  amountCents: number;
  /** How much of it the plan's payments cover (payments fill installments in order). */
  paidCents: number;
  status: InstallmentStatus;
}

/** The same day `months` later, or the month's last day when it has no such day (Jan 31 → Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The schedule of a plan on `asOf`: monthly from the first due date, equal installments with the remainder
 * on the last, the payments so far filling them in order.
 */
export function planSchedule(totalCents: number, count: number, firstDueDate: string, paidCents: number, asOf: string): Installment[] {
  const base = Math.floor(totalCents / count);
  let left = Math.max(0, paidCents);
  return Array.from({ length: count }, (_, i) => {
    const amountCents = i === count - 1 ? totalCents - base * (count - 1) : base;
    const paid = Math.min(left, amountCents);
    left -= paid;
    const dueDate = addMonths(firstDueDate, i);
    const status = paid === amountCents ? InstallmentStatus.PAID : dueDate < asOf ? InstallmentStatus.MISSED : InstallmentStatus.UPCOMING;
    return { number: i + 1, dueDate, amountCents, paidCents: paid, status };
  });
}
