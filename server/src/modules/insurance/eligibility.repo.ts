import { and, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { keysetAfter, keysetOrder, pageOrder } from '../../db/keyset.js';
import { coverages, eligibilityChecks, payers } from '../../db/schema/insurance.js';
import { locations } from '../../db/schema/locations.js';
import { patients } from '../../db/schema/patients.js';
import { providers } from '../../db/schema/providers.js';
import { appointments, appointmentTypes } from '../../db/schema/scheduling.js';
import type { EligibilityCheckRow } from './eligibility.mapper.js';

export type NewEligibilityCheckRow = Omit<typeof eligibilityChecks.$inferInsert, 'id' | 'practiceId'>;

/** Next interchange control number (ISA13/GS06) from the database sequence: unique across processes. */
export async function nextControlNumber(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select nextval('x12_interchange_control_seq') as n`));
  return Number(row!.n);
}

/** A coverage with its payer and patient (one statement), or null outside the practice. */
export async function findCoverageForInquiry(db: Db, practiceId: string, coverageId: string) {
  const [row] = await db
    .select({ coverage: coverages, payer: payers, patient: patients })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .innerJoin(patients, eq(patients.id, coverages.patientId))
    .where(and(eq(coverages.practiceId, practiceId), eq(coverages.id, coverageId)));
  return row ?? null;
}

/** A provider of the practice, or null. */
export async function findProvider(db: Db, practiceId: string, providerId: string) {
  const [row] = await db.select().from(providers).where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)));
  return row ?? null;
}

/** The check stored under a client's idempotency key, or null. */
export async function findCheckByIdempotencyKey(db: Db, practiceId: string, key: string): Promise<EligibilityCheckRow | null> {
  const [row] = await db.select().from(eligibilityChecks).where(and(eq(eligibilityChecks.practiceId, practiceId), eq(eligibilityChecks.idempotencyKey, key)));
  return row ?? null;
}

/** Stores a complete check (one statement; call inside the transaction that audits it). */
export async function insertEligibilityCheck(tx: Db, practiceId: string, values: NewEligibilityCheckRow): Promise<EligibilityCheckRow> {
  const [row] = await tx.insert(eligibilityChecks).values({ ...values, practiceId }).returning();
  return row!;
}

/**
 * One page of checks of a patient or a coverage, newest first; keyset on (requested_at, id).
 * @returns up to limit+1 rows
 */
export function pageEligibilityChecks(db: Db, practiceId: string, filter: { patientId?: string | null; coverageId?: string | null }, limit: number, cursor: unknown[] | null, forward: boolean): Promise<EligibilityCheckRow[]> {
  const where: SQL[] = [eq(eligibilityChecks.practiceId, practiceId)];
  if (filter.patientId) where.push(eq(eligibilityChecks.patientId, filter.patientId));
  if (filter.coverageId) where.push(eq(eligibilityChecks.coverageId, filter.coverageId));
  const keys = [eligibilityChecks.requestedAt, eligibilityChecks.id];
  // Newest first: forward pages read older rows, backward pages newer ones.
  const order = pageOrder('DESC', forward);
  if (cursor) {
    const [at, id] = cursor as [string, string];
    where.push(keysetAfter(keys, [new Date(at), id], order));
  }
  return db.select().from(eligibilityChecks).where(and(...where)).orderBy(...keysetOrder(keys, order)).limit(limit + 1);
}

/**
 * The latest check for each appointment's date of service (the appointment's local date at its
 * location), preferring the patient's primary coverage — one statement for any number of appointments.
 */
export function latestEligibilityForAppointments(db: Db, practiceId: string, appointmentIds: readonly string[]): Promise<{ appointmentId: string; check: EligibilityCheckRow }[]> {
  if (appointmentIds.length === 0) return Promise.resolve([]);
  const localDate = sql`(${appointments.startsAt} at time zone ${locations.timeZone})::date`;
  return db
    .selectDistinctOn([appointments.id], { appointmentId: appointments.id, check: eligibilityChecks })
    .from(appointments)
    .innerJoin(locations, eq(locations.id, appointments.locationId))
    .innerJoin(eligibilityChecks, and(eq(eligibilityChecks.practiceId, appointments.practiceId), eq(eligibilityChecks.patientId, appointments.patientId), sql`${eligibilityChecks.dateOfService} = ${localDate}`))
    .innerJoin(coverages, eq(coverages.id, eligibilityChecks.coverageId))
    .where(and(eq(appointments.practiceId, practiceId), inArray(appointments.id, [...appointmentIds])))
    .orderBy(appointments.id, desc(sql`${coverages.coverageOrder} = 'PRIMARY'`), desc(eligibilityChecks.requestedAt), desc(eligibilityChecks.id));
}

export interface DayCandidate {
  appointmentId: string;
  patientId: string;
  providerId: string;
  coverageId: string | null;
  fresh: boolean;
  /** The visit's X12 service type (from its appointment type). */
  serviceTypeCode: string;
}

/**
 * Active appointments at a location on a local date, each with the patient's active primary coverage
 * on that date (or null) and whether a definite (not UNKNOWN) answer was requested since `freshSince`.
 */
export async function findDayCandidates(db: Db, practiceId: string, locationId: string, date: string, freshSince: Date): Promise<DayCandidate[]> {
  const localDate = sql`(${appointments.startsAt} at time zone ${locations.timeZone})::date`;
  const fresh = sql<boolean>`exists (select 1 from ${eligibilityChecks} where ${eligibilityChecks.coverageId} = ${coverages.id} and ${eligibilityChecks.dateOfService} = ${date} and ${eligibilityChecks.outcome} <> 'UNKNOWN' and ${eligibilityChecks.requestedAt} >= ${freshSince.toISOString()}::timestamptz)`;
  return db
    .select({ appointmentId: appointments.id, patientId: appointments.patientId, providerId: appointments.providerId, coverageId: coverages.id, fresh, serviceTypeCode: appointmentTypes.serviceTypeCode })
    .from(appointments)
    .innerJoin(locations, eq(locations.id, appointments.locationId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.appointmentTypeId))
    .leftJoin(
      coverages,
      and(eq(coverages.patientId, appointments.patientId), eq(coverages.practiceId, practiceId), eq(coverages.coverageOrder, 'PRIMARY'), eq(coverages.status, 'ACTIVE'), sql`${coverages.effectiveDate} <= ${date}`, sql`(${coverages.endDate} is null or ${coverages.endDate} >= ${date})`),
    )
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.locationId, locationId), eq(appointments.active, true), ne(appointments.status, 'ENTERED_IN_ERROR'), sql`${localDate} = ${date}`, gte(appointments.startsAt, sql`${date}::date - interval '1 day'`), lt(appointments.startsAt, sql`${date}::date + interval '2 days'`)))
    .orderBy(appointments.startsAt, appointments.id);
}

/** Whether the location belongs to the practice. */
export async function locationExists(db: Db, practiceId: string, locationId: string): Promise<boolean> {
  const rows = await db.select({ id: locations.id }).from(locations).where(and(eq(locations.practiceId, practiceId), eq(locations.id, locationId)));
  return rows.length > 0;
}
