import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, notFound, versionConflict } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { CreateAppointmentTypeInput, UpdateAppointmentTypeInput } from './appointment-type.inputs.js';
import * as repo from './appointment-type.repo.js';
import { type AppointmentType, toAppointmentType } from './appointment-type.type.js';
import { sqlState, UNIQUE_VIOLATION } from './sql-state.js';

const duplicateName = (err: unknown) => {
  if (sqlState(err) === UNIQUE_VIOLATION) return new AppError('BAD_USER_INPUT', 'Invalid input: input.name is already used by another appointment type', { fields: [{ path: 'input.name', message: 'is already used by another appointment type' }] });
  return err;
};

/**
 * Creates an appointment type.
 * @throws BAD_USER_INPUT for a name already in use
 */
export async function createAppointmentType(db: Db, principal: Principal, audit: AuditTrail, input: CreateAppointmentTypeInput): Promise<AppointmentType> {
  try {
    const row = await db.transaction(async (tx) => {
      const created = await repo.insertAppointmentType(tx, principal.practiceId, { ...input, name: input.name.trim(), color: input.color ?? null });
      await audit.write(tx, 'CREATE', 'AppointmentType', created.id);
      return created;
    });
    return toAppointmentType(row);
  } catch (err) {
    throw duplicateName(err);
  }
}

/**
 * Updates an appointment type at `expectedVersion`; existing appointments keep their times.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT
 */
export async function updateAppointmentType(db: Db, principal: Principal, audit: AuditTrail, input: UpdateAppointmentTypeInput): Promise<AppointmentType> {
  const { id, expectedVersion, ...rest } = input;
  const patch = Object.fromEntries(Object.entries(rest).filter(([k, v]) => v !== undefined && (v !== null || k === 'color')));
  try {
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateAppointmentTypeIfVersion(tx, principal.practiceId, id, expectedVersion, patch);
      if (!updated) {
        const [current] = await repo.findAppointmentTypesByIds(tx, principal.practiceId, [id]);
        if (!current) throw notFound('AppointmentType', id);
        throw versionConflict('AppointmentType', id, expectedVersion, current.version);
      }
      await audit.write(tx, 'UPDATE', 'AppointmentType', id);
      return updated;
    });
    return toAppointmentType(row);
  } catch (err) {
    throw duplicateName(err);
  }
}
