import type { Db } from '../../db/client.js';
import { notFound } from '../../graphql/errors.js';
import { findMissingRefs, type RefIds } from './refs.repo.js';

const ENTITY: Record<keyof RefIds, string> = {
  patientId: 'Patient',
  providerId: 'Provider',
  locationId: 'Location',
  appointmentId: 'Appointment',
  appointmentTypeId: 'AppointmentType',
};

/**
 * Checks in one statement that every given id is a record of the practice.
 * @throws NOT_FOUND for the first missing one (another practice's record counts as missing)
 */
export async function assertRefsExist(db: Db, practiceId: string, ids: RefIds): Promise<void> {
  const [missing] = await findMissingRefs(db, practiceId, ids);
  if (missing) throw notFound(ENTITY[missing], String(ids[missing]));
}
