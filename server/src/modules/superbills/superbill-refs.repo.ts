import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { coverages, payers } from '../../db/schema/insurance.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { practices } from '../../db/schema/practices.js';
import { providers } from '../../db/schema/providers.js';
import { appointments } from '../../db/schema/scheduling.js';
import { isUuid } from '../../lib/uuid.js';

export type BillableAppointment = Pick<typeof appointments.$inferSelect, 'id' | 'patientId' | 'providerId' | 'locationId' | 'startsAt' | 'status' | 'modality' | 'placeOfServiceCode' | 'checkIn'> & { timeZone: string };

/**
 * An appointment of the practice with its location's time zone, locked FOR UPDATE so two superbills
 * cannot be created for it at once.
 * @returns the appointment, or null when the practice has none with this id
 */
export async function lockAppointmentForBilling(tx: Db, practiceId: string, id: string): Promise<BillableAppointment | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select({ id: appointments.id, patientId: appointments.patientId, providerId: appointments.providerId, locationId: appointments.locationId, startsAt: appointments.startsAt, status: appointments.status, modality: appointments.modality, placeOfServiceCode: appointments.placeOfServiceCode, checkIn: appointments.checkIn, timeZone: locations.timeZone })
    .from(appointments)
    .innerJoin(locations, eq(locations.id, appointments.locationId))
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, id)))
    .for('update', { of: appointments });
  return row ?? null;
}

/** Which of a patient, provider and location exist in the practice (ids that are not uuids do not). */
export async function findRefs(db: Db, practiceId: string, ids: { patientId: string; providerId: string; locationId: string }) {
  const [patient] = isUuid(ids.patientId) ? await db.select({ status: patients.status }).from(patients).where(and(eq(patients.practiceId, practiceId), eq(patients.id, ids.patientId))) : [];
  const [provider] = isUuid(ids.providerId) ? await db.select({ id: providers.id }).from(providers).where(and(eq(providers.practiceId, practiceId), eq(providers.id, ids.providerId))) : [];
  const [location] = isUuid(ids.locationId) ? await db.select({ code: locations.placeOfServiceCode }).from(locations).where(and(eq(locations.practiceId, practiceId), eq(locations.id, ids.locationId))) : [];
  return { patient: patient ?? null, provider: provider ?? null, location: location ?? null };
}

/** The payer of the patient's ACTIVE primary coverage on a date, or null. */
export async function primaryPayerOn(db: Db, practiceId: string, patientId: string, date: string): Promise<string | null> {
  const [row] = await db
    .select({ payerId: coverages.payerId })
    .from(coverages)
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.patientId, patientId), eq(coverages.coverageOrder, 'PRIMARY'), eq(coverages.status, 'ACTIVE'), lte(coverages.effectiveDate, date), or(isNull(coverages.endDate), gte(coverages.endDate, date))));
  return row?.payerId ?? null;
}

/** A payer of the practice with its telehealth modifier setting, or null. */
export async function findPayerRule(db: Db, practiceId: string, id: string): Promise<{ id: string; telehealthModifier95: boolean } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ id: payers.id, telehealthModifier95: payers.telehealthModifier95 }).from(payers).where(and(eq(payers.practiceId, practiceId), eq(payers.id, id)));
  return row ?? null;
}

/** The practice's name and tax id (the billing identity until a billing profile exists). */
export async function findPractice(db: Db, practiceId: string): Promise<{ name: string; taxId: string | null } | null> {
  const [row] = await db.select({ name: practices.name, taxId: practices.taxId }).from(practices).where(eq(practices.id, practiceId));
  return row ?? null;
}
