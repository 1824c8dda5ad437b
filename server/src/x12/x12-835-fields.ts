import { isoDate } from './x12-envelope.js';
import { decimalToCents } from './x12-money.js';
import type { Adjustment, RemittanceEntity, RemittanceProblem, RemittanceProcedure } from './x12-835-types.js';

/** Where a value was read, so a problem can say so; `claimIndex`/`lineNumber` when inside a claim/line. */
export interface At {
  position: number;
  tag: string;
  claimIndex?: number;
  lineNumber?: number;
}

/** Collects problems with their place; every reader helper reports through it and never throws. */
export class ProblemLog {
  readonly list: RemittanceProblem[] = [];

  add(severity: RemittanceProblem['severity'], code: string, at: At, message: string, element?: number): void {
    const where = at.claimIndex === undefined ? {} : { claimIndex: at.claimIndex, ...(at.lineNumber === undefined ? {} : { lineNumber: at.lineNumber }) };
    this.list.push({ severity, code, position: at.position, tag: at.tag, ...(element ? { element } : {}), ...where, message });
  }

  error(code: string, at: At, message: string, element?: number): void {
    this.add('error', code, at, message, element);
  }
}

const name = (at: At, element: number) => `${at.tag}${String(element).padStart(2, '0')}`;

/**
 * Reads an amount element (1-based `element`) as integer cents. A missing required amount, a malformed
 * one or one finer than a cent is an error and reads as 0 (so the caller always has a number).
 */
export function readCents(log: ProblemLog, at: At, el: string[], element: number, required = true): number | null {
  const v = el[element - 1] ?? '';
  if (v === '') {
    if (required) log.error('MISSING', at, `${name(at, element)} (amount) is required`, element);
    return required ? 0 : null;
  }
  const cents = decimalToCents(v);
  if (cents === null) {
    log.error('AMOUNT', at, `${name(at, element)} "${v.slice(0, 20)}" is not a decimal amount`, element);
    return 0;
  }
  if (/\.\d{3,}$/.test(v.trim()) && !/\.\d{2}0+$/.test(v.trim())) log.error('AMOUNT', at, `${name(at, element)} "${v}" holds fractions of a cent`, element);
  return cents;
}

/** Reads a CCYYMMDD element as `YYYY-MM-DD`; a malformed date is an error and reads as null. */
export function readDate(log: ProblemLog, at: At, el: string[], element: number, required = false): string | null {
  const v = el[element - 1] ?? '';
  if (v === '') {
    if (required) log.error('MISSING', at, `${name(at, element)} (date) is required`, element);
    return null;
  }
  const iso = isoDate(v);
  const valid = iso !== null && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
  // The value is not echoed: a date near a real one can identify a patient.
  if (!valid) log.error('DATE', at, `${name(at, element)} is not a CCYYMMDD date`, element);
  return valid ? iso : null;
}

/** Reads a quantity (R type); malformed is an error and reads as null. */
export function readNumber(log: ProblemLog, at: At, el: string[], element: number): number | null {
  const v = el[element - 1] ?? '';
  if (v === '') return null;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(v)) {
    log.error('AMOUNT', at, `${name(at, element)} "${v.slice(0, 20)}" is not a number`, element);
    return null;
  }
  return Number(v);
}

/** Checks a code element against its allowed values (an error when it is not one of them). */
export function checkCode(log: ProblemLog, at: At, el: string[], element: number, allowed: readonly string[]): string {
  const v = el[element - 1] ?? '';
  if (v === '') log.error('MISSING', at, `${name(at, element)} is required`, element);
  else if (!allowed.includes(v)) log.error('CODE', at, `${name(at, element)} "${v.slice(0, 10)}" is not one of ${allowed.join(', ')}`, element);
  return v;
}

// Separators senders use by mistake when their ISA16 says otherwise (the public samples do this).
const STRAY_SEPARATORS = ['>', ':', '|'];

/**
 * Splits a composite element by the interchange's component separator. When the value does not use it
 * but plainly uses another one (`HC>99213` under ISA16 `:`), it is split by that one and a warning says so.
 */
export function splitComposite(log: ProblemLog, at: At, value: string, element: number, separator: string): string[] {
  if (value.includes(separator)) return value.split(separator);
  const stray = STRAY_SEPARATORS.find((s) => s !== separator && new RegExp(`^[A-Z0-9]{1,3}\\${s}\\S`).test(value));
  if (!stray) return [value];
  log.add('warning', 'COMPOSITE', at, `${name(at, element)} separates components with "${stray}", not the declared "${separator}"`, element);
  return value.split(stray);
}

/** Product/service id qualifiers of SVC01-1 / SVC06-1. */
export const PRODUCT_QUALIFIERS: readonly string[] = ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'NU', 'WK'];

/** SVC01 / SVC06: qualifier, code, up to 4 modifiers, description. */
export function readProcedure(log: ProblemLog, at: At, el: string[], element: number, separator: string): RemittanceProcedure {
  const parts = splitComposite(log, at, el[element - 1] ?? '', element, separator);
  const [qualifier = '', code = '', m1 = '', m2 = '', m3 = '', m4 = '', description = ''] = parts;
  if (!PRODUCT_QUALIFIERS.includes(qualifier)) log.error('CODE', at, `${name(at, element)} qualifier "${qualifier.slice(0, 10)}" is not one of ${PRODUCT_QUALIFIERS.join(', ')}`, element);
  if (!code) log.error('MISSING', at, `${name(at, element)} has no procedure code (component 2)`, element);
  return { qualifier, code, modifiers: [m1, m2, m3, m4].filter(Boolean), description: description || null };
}

export const ADJUSTMENT_GROUPS = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;

/** CAS: a group and up to six reason/amount/quantity triples. */
export function readAdjustments(log: ProblemLog, at: At, el: string[]): Adjustment[] {
  const group = checkCode(log, at, el, 1, ADJUSTMENT_GROUPS);
  const out: Adjustment[] = [];
  for (let t = 0; t < 6; t++) {
    const [reason = '', amount = '', quantity = ''] = el.slice(1 + t * 3, 4 + t * 3);
    if (!reason && !amount && !quantity) continue;
    const e = 2 + t * 3;
    if (!reason) log.error('MISSING', at, `${name(at, e)} (reason code) is required with its amount`, e);
    else if (!/^[A-Z0-9]{1,5}$/.test(reason)) log.error('CODE', at, `${name(at, e)} "${reason.slice(0, 10)}" is not a reason code`, e);
    out.push({ group, reason, amountCents: readCents(log, at, el, e + 1) ?? 0, quantity: readNumber(log, at, el, e + 2) });
  }
  if (el.length > 19) log.error('STRUCTURE', at, `CAS holds ${el.length} elements; at most 19 (six triples)`, 20);
  return out;
}

/** NM1 of loop 2100. */
export function readEntity(el: string[]): RemittanceEntity {
  const opt = (i: number) => el[i] || null;
  return { entityCode: el[0] ?? '', entityType: el[1] ?? '', lastOrOrganizationName: opt(2), firstName: opt(3), middleName: opt(4), suffix: opt(6), idQualifier: opt(7), id: opt(8) };
}

export const IMPLEMENTATION_835 = '005010X221A1';
/** CLP02 claim status codes of 005010X221A1. */
export const CLAIM_STATUS_CODES = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;
export const HANDLING_CODES = ['C', 'D', 'H', 'I', 'P', 'U', 'X'] as const;
export const PAYMENT_METHODS = ['ACH', 'BOP', 'CHK', 'FWT', 'NON'] as const;
