import type { FieldProblem } from '../../graphql/errors.js';
import { MONEY_MAX_CENTS } from '../../graphql/scalars/money.js';
import { isValidLocalDate, todayIn } from '../../lib/dates.js';
import { isUuid } from '../../lib/uuid.js';
import type { LedgerDraft } from './ledger-draft.js';
import { FIXED_BUCKET, GROUP_CODES, LedgerBucket, LedgerEntryKind, PAYER_SIGNED, SIGN } from './ledger-kind.js';

const CARC = /^[A-Z0-9]{1,3}$/;
const RARC = /^[A-Z0-9]{1,5}$/;
const MAX_LINE = 50;
const MAX_TEXT = 500;
const MAX_KEY = 200;

/** Problems of an amount in cents: a safe integer, not zero, within the Money bounds, of the kind's sign. */
export function amountProblems(cents: number, sign: 'POSITIVE' | 'NEGATIVE' | 'EITHER', path: string): FieldProblem[] {
  if (!Number.isSafeInteger(cents)) return [{ path, message: 'must be a whole number of cents' }];
  if (cents === 0) return [{ path, message: 'must not be zero' }];
  if (Math.abs(cents) > MONEY_MAX_CENTS) return [{ path, message: `must be at most ${MONEY_MAX_CENTS} cents either way` }];
  if (sign === 'POSITIVE' && cents < 0) return [{ path, message: 'must be positive for this kind' }];
  if (sign === 'NEGATIVE' && cents > 0) return [{ path, message: 'must be negative for this kind' }];
  return [];
}

/** The latest calendar date anywhere on Earth now (no effective date may be after it). */
export const latestToday = () => todayIn('Pacific/Kiritimati');

/** Problems of an effective date: a real calendar date, not after today anywhere on Earth. */
export function dateProblems(date: string, path: string, today = latestToday()): FieldProblem[] {
  if (typeof date !== 'string' || !isValidLocalDate(date)) return [{ path, message: 'must be a date written YYYY-MM-DD' }];
  if (date > today) return [{ path, message: 'must not be in the future' }];
  return [];
}

const text = (v: string | null | undefined, path: string, required: boolean): FieldProblem[] => {
  if (v == null || v.trim() === '') return required ? [{ path, message: 'is required' }] : [];
  return v.length > MAX_TEXT ? [{ path, message: `must be at most ${MAX_TEXT} characters` }] : [];
};

const line = (position: number | null | undefined, parent: string | null | undefined, path: string, parentName: string): FieldProblem[] => {
  if (position == null) return [];
  if (!Number.isInteger(position) || position < 1 || position > MAX_LINE) return [{ path, message: `must be a line number from 1 to ${MAX_LINE}` }];
  return parent ? [] : [{ path, message: `needs ${parentName}` }];
};

/**
 * Everything about one draft that needs no database: ids well-formed, cents integer and bounded with the
 * kind's sign, the kind's bucket, adjustment group and CARC, line numbers, reasons, the date.
 * @param at - the path of a field of this draft (`entries.0.amountCents`, `input.amount`)
 * @param today - `latestToday()`, computed once for a whole posting
 */
export function draftProblems(d: LedgerDraft, at: (field: string) => string, today = latestToday()): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (d.idempotencyKey != null && (d.idempotencyKey.trim() === '' || d.idempotencyKey.length > MAX_KEY)) p.push({ path: at('idempotencyKey'), message: `must be 1 to ${MAX_KEY} characters` });
  p.push(...dateProblems(d.effectiveDate, at('effectiveDate'), today));
  if (d.kind === LedgerEntryKind.REVERSAL) {
    if (!isUuid(d.reversesId)) p.push({ path: at('reversesId'), message: 'is not an id issued by this API' });
    p.push(...text(d.reason, at('reason'), true));
    return p;
  }
  if (!(d.kind in SIGN)) return [...p, { path: at('kind'), message: 'is not a ledger entry kind' }];
  if (!isUuid(d.patientId)) p.push({ path: at('patientId'), message: 'is not an id issued by this API' });
  for (const f of ['claimId', 'superbillId', 'remittanceId', 'payerId'] as const) if (d[f] != null && !isUuid(d[f])) p.push({ path: at(f), message: 'is not an id issued by this API' });
  p.push(...amountProblems(d.amountCents, d.remittanceId != null && PAYER_SIGNED.has(d.kind) ? 'EITHER' : SIGN[d.kind], at('amountCents')));
  const fixed = FIXED_BUCKET[d.kind];
  if (d.bucket !== LedgerBucket.INSURANCE && d.bucket !== LedgerBucket.PATIENT) p.push({ path: at('bucket'), message: 'must be INSURANCE or PATIENT' });
  else if (fixed && d.bucket !== fixed) p.push({ path: at('bucket'), message: `must be ${fixed} for ${d.kind}` });
  const groups = GROUP_CODES[d.kind];
  if (groups) {
    if (!d.groupCode || !groups.includes(d.groupCode)) p.push({ path: at('groupCode'), message: `must be ${groups.join(' or ')} for ${d.kind}` });
    if (!d.reasonCode || !CARC.test(d.reasonCode)) p.push({ path: at('reasonCode'), message: 'must be a claim adjustment reason code (1–3 letters or digits)' });
  } else {
    if (d.groupCode != null) p.push({ path: at('groupCode'), message: `is only for adjustments, not ${d.kind}` });
    if (d.reasonCode != null && !CARC.test(d.reasonCode)) p.push({ path: at('reasonCode'), message: 'must be a claim adjustment reason code (1–3 letters or digits)' });
  }
  if (d.kind === LedgerEntryKind.COORDINATION_TRANSFER && !d.claimId) p.push({ path: at('claimId'), message: 'is required: a coordination transfer moves an amount onto the secondary claim' });
  const remarks = d.remarkCodes ?? [];
  if (remarks.length > 20 || remarks.some((r) => !RARC.test(r))) p.push({ path: at('remarkCodes'), message: 'must be at most 20 remark codes of 1–5 letters or digits' });
  p.push(...line(d.claimLinePosition, d.claimId, at('claimLinePosition'), 'claimId'));
  p.push(...line(d.superbillLinePosition, d.superbillId, at('superbillLinePosition'), 'superbillId'));
  p.push(...text(d.reason, at('reason'), d.kind === LedgerEntryKind.WRITE_OFF));
  return p;
}
