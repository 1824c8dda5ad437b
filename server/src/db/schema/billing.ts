import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { domainColumns } from './columns.js';
import { payers } from './insurance.js';
import type { AddressJson } from './json-types.js';
import { locations } from './locations.js';
import { practices } from './practices.js';

/**
 * One imported release of a code system. Reference data (ICD10CM, HCPCS, POS) has no practice; a
 * practice's own licensed CPT file is the only per-practice code set (practice_id set, system CPT).
 * The version in force on a date of service is the latest one of its system with effective_from ≤ date.
 */
export const codeSetVersions = pgTable(
  'code_set_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** ICD10CM, HCPCS, POS or CPT. */
    system: text().notNull(),
    /** The release label, e.g. 2026 or 2025-OCT. */
    label: text().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** Null for reference data; the owning practice for a licensed CPT import. */
    practiceId: uuid().references(() => practices.id),
    codeCount: integer().notNull().default(0),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('code_set_versions_label').on(t.system, t.label, sql`coalesce(${t.practiceId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    uniqueIndex('code_set_versions_effective').on(t.system, t.effectiveFrom, sql`coalesce(${t.practiceId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    check('code_set_versions_system', sql`${t.system} in ('ICD10CM', 'HCPCS', 'POS', 'CPT')`),
    check('code_set_versions_cpt_only_per_practice', sql`(${t.practiceId} is null) = (${t.system} <> 'CPT')`),
  ],
);

/**
 * One code of one version. Codes are stored as in the official files (ICD-10-CM without its dot).
 * kind: DIAGNOSIS (ICD-10-CM), PROCEDURE (HCPCS Level II or CPT), MODIFIER, POS.
 */
export const codes = pgTable(
  'codes',
  {
    versionId: uuid().notNull().references(() => codeSetVersions.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    code: text().notNull(),
    /** False for a header (category) code: known, but refused on a claim line. */
    billable: boolean().notNull().default(true),
    shortDescription: text(),
    description: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.kind, t.code] }),
    index('codes_code_pattern').on(t.kind, t.code.op('text_pattern_ops')),
    check('codes_kind', sql`${t.kind} in ('DIAGNOSIS', 'PROCEDURE', 'MODIFIER', 'POS')`),
  ],
);

/** The practice's billing identity (one row per practice). */
export const billingProfiles = pgTable(
  'billing_profiles',
  {
    ...domainColumns(),
    legalName: text().notNull(),
    /** Employer identification number, 9 digits without the dash. */
    tin: text().notNull(),
    /** Organisation (type 2) NPI of the group. */
    groupNpi: text().notNull(),
    taxonomyCode: text().notNull(),
    billingAddress: jsonb().$type<AddressJson>().notNull(),
    /** Where payments go when not the billing address. */
    payToAddress: jsonb().$type<AddressJson>(),
    /** Billing contact phone (E.164). */
    phone: text(),
  },
  (t) => [uniqueIndex().on(t.practiceId), check('billing_profiles_tin', sql`${t.tin} ~ '^[0-9]{9}$'`), check('billing_profiles_npi', sql`${t.groupNpi} ~ '^[0-9]{10}$'`)],
);

/** Service-facility details of a location, as billed (loop 2310C). */
export const serviceFacilities = pgTable(
  'service_facilities',
  {
    ...domainColumns(),
    locationId: uuid().notNull().references(() => locations.id),
    /** Name printed as the service facility; null = the location's name. */
    facilityName: text(),
    /** The facility's own type-2 NPI when it has one. */
    npi: text(),
  },
  (t) => [uniqueIndex().on(t.locationId), index().on(t.practiceId), check('service_facilities_npi', sql`${t.npi} is null or ${t.npi} ~ '^[0-9]{10}$'`)],
);

/** A fee schedule: the practice's charge master (payer_id null) or one payer's contracted allowed amounts. */
export const feeSchedules = pgTable(
  'fee_schedules',
  {
    ...domainColumns(),
    name: text().notNull(),
    /** CHARGE_MASTER or PAYER_CONTRACT. */
    kind: text().notNull(),
    payerId: uuid().references(() => payers.id),
  },
  (t) => [
    uniqueIndex('fee_schedules_one_charge_master').on(t.practiceId).where(sql`${t.payerId} is null`),
    uniqueIndex('fee_schedules_one_per_payer').on(t.practiceId, t.payerId).where(sql`${t.payerId} is not null`),
    check('fee_schedules_kind', sql`(${t.kind} = 'CHARGE_MASTER') = (${t.payerId} is null) and ${t.kind} in ('CHARGE_MASTER', 'PAYER_CONTRACT')`),
  ],
);

/**
 * One price of a fee schedule: code + modifier set → amount (cents), effective [from, to] inclusive.
 * Modifiers are stored sorted and comma-joined ('' for none). No two entries of a schedule for the same
 * code and modifiers overlap in time (exclusion constraint, hand-written migration).
 */
export const feeScheduleEntries = pgTable(
  'fee_schedule_entries',
  {
    ...domainColumns(),
    scheduleId: uuid().notNull().references(() => feeSchedules.id),
    code: text().notNull(),
    modifiers: text().notNull().default(''),
    amountCents: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    /** The practice's own label (the only description a CPT code gets without a licensed CPT import). */
    label: text(),
  },
  (t) => [
    index().on(t.scheduleId, t.code, t.modifiers, t.effectiveFrom),
    check('fee_schedule_entries_amount', sql`${t.amountCents} >= 0`),
    check('fee_schedule_entries_dates', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);
