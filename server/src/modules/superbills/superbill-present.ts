import type { Db } from '../../db/client.js';
import { AppError, badInput } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { sqlState, UNIQUE_VIOLATION } from '../scheduling/sql-state.js';
import { toSuperbill } from './superbill.mapper.js';
import type { LineRow, SuperbillRow } from './superbill.repo.js';
import type { LineDraft } from './superbill.rules.js';
import { pointerLetter } from './superbill.rules.js';
import { duplicateWarnings } from './superbill-warnings.js';
import type { Superbill, SuperbillPayload } from './superbill.type.js';

/** Records the read (a superbill is patient data) and maps the row. */
export function presentSuperbill(audit: AuditTrail, row: SuperbillRow): Superbill {
  audit.read('Superbill', row.id, row.patientId);
  return toSuperbill(row);
}

/** The payload of a change: the superbill and its possible-duplicate warnings. */
export async function payloadOf(db: Db, audit: AuditTrail, row: SuperbillRow, lines: Pick<LineRow, 'code' | 'modifiers'>[]): Promise<SuperbillPayload> {
  return { superbill: presentSuperbill(audit, row), warnings: await duplicateWarnings(db, row, lines) };
}

/** Stored lines back into drafts, so a change re-checks and re-prices them as if they were sent again. */
export const draftsOf = (lines: LineRow[]): (LineDraft & { note: string | null })[] =>
  lines.map((l) => ({
    code: l.code,
    modifiers: l.modifiers,
    units: l.units,
    unitCharge: l.scheduleFeeCents === l.unitFeeCents ? null : l.unitFeeCents,
    chargeOverrideReason: l.chargeOverrideReason,
    diagnosisPointers: l.diagnosisPointers.map(pointerLetter),
    note: l.note,
  }));

/** A superbill that is not in a status allowing the change. */
export const wrongStatus = (id: string, status: string, what: string) => badInput([{ path: 'input.id', message: `superbill ${id} is ${status} and cannot be ${what}` }]);

/** A replayed idempotency key whose first request differed. */
export const keyReused = (key: string) => new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency key ${key} was already used for a different request`);

/** Runs a write, turning unique violations of the one-draft/one-correction indexes into BAD_USER_INPUT. */
export async function guarded<T>(run: () => Promise<T>, onUnique: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) return onUnique();
    throw err;
  }
}
