import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { payers } from './insurance.js';
import type { AddressJson } from './json-types.js';
import { locations } from './locations.js';
import { patients } from './patients.js';
import { providers } from './providers.js';
import { appointments } from './scheduling.js';

/** Who bills, as it stood when the superbill was last edited (a finalized superbill never changes). */
export interface BillingProviderJson {
  name: string;
  tin: string | null;
  npi: string | null;
  address: AddressJson | null;
}

/**
 * The record of one encounter. DRAFT → FINALIZED → (VOIDED | SUPERSEDED); DRAFT → VOIDED. A trigger
 * (hand-written migration) refuses any UPDATE of a FINALIZED row except those two transitions, any
 * UPDATE of a VOIDED or SUPERSEDED row, and every DELETE.
 */
export const superbills = pgTable(
  'superbills',
  {
    ...domainColumns(),
    /** Human-facing number printed on the PDF; also the keyset tie-breaker of the list. */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    /** DRAFT, FINALIZED, VOIDED or SUPERSEDED. */
    status: text().notNull().default('DRAFT'),
    appointmentId: uuid().references(() => appointments.id),
    patientId: uuid().notNull().references(() => patients.id),
    renderingProviderId: uuid().notNull().references(() => providers.id),
    locationId: uuid().notNull().references(() => locations.id),
    payerId: uuid().references(() => payers.id),
    billingProvider: jsonb().$type<BillingProviderJson>().notNull(),
    referringProviderName: text(),
    referringProviderNpi: text(),
    dateOfService: date({ mode: 'string' }).notNull(),
    placeOfServiceCode: text().notNull(),
    /** From the appointment's modality (POS 02/10); decides the modifier-95 payer rule. */
    telehealth: boolean().notNull().default(false),
    priorAuthorizationNumber: text(),
    copayCollectedCents: integer().notNull().default(0),
    totalChargeCents: integer().notNull().default(0),
    supersedesId: uuid().references((): AnyPgColumn => superbills.id),
    supersededById: uuid().references((): AnyPgColumn => superbills.id),
    supersededAt: timestamp({ withTimezone: true }),
    finalizedAt: timestamp({ withTimezone: true }),
    finalizedBy: text(),
    voidReason: text(),
    voidedAt: timestamp({ withTimezone: true }),
    voidedBy: text(),
    createdBy: text().notNull(),
    idempotencyKey: text(),
    requestHash: text(),
    finalizeIdempotencyKey: text(),
  },
  (t) => [
    // Keyset order of the list: (date_of_service, number, id) under the practice, both directions.
    index('superbills_page').on(t.practiceId, t.dateOfService, t.number, t.id),
    index().on(t.practiceId, t.patientId, t.dateOfService),
    index().on(t.practiceId, t.renderingProviderId, t.dateOfService),
    index().on(t.appointmentId),
    uniqueIndex().on(t.practiceId, t.idempotencyKey),
    uniqueIndex().on(t.practiceId, t.finalizeIdempotencyKey),
    // One open draft per appointment, and one live correction per superseded superbill.
    uniqueIndex('superbills_one_draft_per_appointment').on(t.appointmentId).where(sql`${t.status} = 'DRAFT'`),
    uniqueIndex('superbills_one_correction').on(t.supersedesId).where(sql`${t.status} <> 'VOIDED'`),
    check('superbills_status', sql`${t.status} in ('DRAFT', 'FINALIZED', 'VOIDED', 'SUPERSEDED')`),
    check('superbills_money', sql`${t.copayCollectedCents} >= 0 and ${t.totalChargeCents} >= 0`),
    check('superbills_void_reason', sql`(${t.status} = 'VOIDED') = (${t.voidReason} is not null)`),
  ],
);

/** Diagnoses of a superbill, position 1–12 printed as A–L. */
export const superbillDiagnoses = pgTable(
  'superbill_diagnoses',
  {
    ...domainColumns(),
    superbillId: uuid().notNull().references(() => superbills.id),
    position: integer().notNull(),
    code: text().notNull(),
    description: text(),
  },
  (t) => [uniqueIndex().on(t.superbillId, t.position), check('superbill_diagnoses_position', sql`${t.position} between 1 and 12`)],
);

/**
 * Service lines. unit_fee_cents is the fee of one unit; charge_cents = unit_fee_cents × units is the
 * line's charge (what goes on a claim line). schedule_fee_cents is what the fee schedule said on the
 * date of service (null when it has no price); an override needs charge_override_reason.
 */
export const superbillLines = pgTable(
  'superbill_lines',
  {
    ...domainColumns(),
    superbillId: uuid().notNull().references(() => superbills.id),
    position: integer().notNull(),
    code: text().notNull(),
    description: text(),
    modifiers: text().array().notNull(),
    units: integer().notNull(),
    unitFeeCents: integer().notNull(),
    chargeCents: integer().notNull(),
    scheduleFeeCents: integer(),
    chargeOverrideReason: text(),
    diagnosisPointers: integer().array().notNull(),
    note: text(),
  },
  (t) => [
    uniqueIndex().on(t.superbillId, t.position),
    check('superbill_lines_position', sql`${t.position} between 1 and 50`),
    check('superbill_lines_units', sql`${t.units} >= 1`),
    check('superbill_lines_money', sql`${t.unitFeeCents} >= 0 and ${t.chargeCents} = ${t.unitFeeCents} * ${t.units}`),
    check('superbill_lines_modifiers', sql`cardinality(${t.modifiers}) <= 4`),
    check('superbill_lines_pointers', sql`cardinality(${t.diagnosisPointers}) between 1 and 4`),
  ],
);
