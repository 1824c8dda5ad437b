import type { PhoneJson } from '../../db/schema/json-types.js';
import { badInput } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';

/** Pure input rules of the patients module that class-validator cannot express. */

/** The searchable form of a patient's phones: ten national digits each, space separated. */
export const phoneDigits = (phones: PhoneJson[]) => phones.map((p) => p.number.replace(/\D/g, '').slice(-10)).join(' ');

/** @throws BAD_USER_INPUT at `path` when the date of birth is after `today` */
export function checkDateOfBirth(dob: string | null | undefined, path: string, today: string): void {
  if (dob && dob > today) throw badInput([{ path, message: 'must not be in the future' }]);
}

/** @throws BAD_USER_INPUT at `path` when more than one phone is primary */
export function checkPhones(phones: { primary: boolean }[] | null | undefined, path: string): void {
  if (phones && phones.filter((p) => p.primary).length > 1) throw badInput([{ path, message: 'may mark at most one phone as primary' }]);
}

/** A cursor is client input: it must have the shape of the sort it claims to continue. */
export function checkCursor(cursor: unknown[] | null, byName: boolean, path: string): void {
  if (!cursor) return;
  const ok = byName
    ? cursor.length === 2 && typeof cursor[0] === 'number' && Number.isFinite(cursor[0]) && isUuid(cursor[1])
    : cursor.length === 3 && typeof cursor[0] === 'string' && typeof cursor[1] === 'string' && isUuid(cursor[2]);
  if (!ok) throw badInput([{ path, message: 'is not a cursor issued by this search' }]);
}

/** Stored phone digits are the ten national digits; a search may include the +1 country code. */
export function searchDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}
