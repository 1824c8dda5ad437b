import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/** One problem of an import, as reported to the user: row (file line), column, message. No cell values. */
export interface ImportProblemJson {
  line: number;
  column: string | null;
  message: string;
}

/**
 * Every import run, dry or not: who, when, which file (SHA-256 of its bytes), what came of it. A file is
 * committed at most once per target (unique partial index): importing the same file twice is refused.
 */
export const imports = pgTable(
  'imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Run order (global identity): the list's keyset. */
    number: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    /** PATIENTS, PROVIDERS, APPOINTMENT_TYPES, SUPPLY_ITEMS, OPENING_STOCK, COVERAGES, PAYERS, FEE_SCHEDULES. */
    target: text().notNull(),
    /** What a run of the target was for beyond the target ('' for an upload; a schedule for the fee-schedule mutation): the same file is refused once per target and scope. */
    scope: text().notNull().default(''),
    fileSha256: text().notNull(),
    fileName: text(),
    /** DRY_RUN (nothing written), COMMITTED (every good row written), REJECTED (problems; nothing written). */
    status: text().notNull(),
    /** ALL_OR_NOTHING (any problem rejects the file) or GOOD_ROWS (good rows written, bad ones kept as a rejected-rows CSV). */
    mode: text().notNull().default('ALL_OR_NOTHING'),
    /** Data rows left out of a GOOD_ROWS commit (they are in import_rejected_rows). */
    rejectedRows: integer().notNull().default(0),
    rows: integer().notNull(),
    problemCount: integer().notNull(),
    /** The first problems (at most 1,000). */
    problems: jsonb().$type<ImportProblemJson[]>().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('imports_page').on(t.practiceId, t.number),
    uniqueIndex('imports_file_once_per_scope').on(t.practiceId, t.target, t.scope, t.fileSha256).where(sql`${t.status} = 'COMMITTED'`),
    check('imports_status', sql`${t.status} in ('DRY_RUN', 'COMMITTED', 'REJECTED')`),
    check('imports_target', sql`${t.target} in ('PATIENTS', 'PROVIDERS', 'APPOINTMENT_TYPES', 'SUPPLY_ITEMS', 'OPENING_STOCK', 'COVERAGES', 'PAYERS', 'FEE_SCHEDULES')`),
    check('imports_mode', sql`${t.mode} in ('ALL_OR_NOTHING', 'GOOD_ROWS')`),
  ],
);

/**
 * The rejected rows of a GOOD_ROWS commit, as CSV records (the file's own fields plus a `problem` field),
 * line 1 being the file's header plus `problem`. Written in the import's transaction before its record,
 * hence the foreign key to imports is deferred (hand-written migration). PHI: read only through the
 * audited download.
 */
export const importRejectedRows = pgTable(
  'import_rejected_rows',
  {
    importId: uuid().notNull(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    /** The file line the record starts on (1 = the header). */
    line: integer().notNull(),
    /** The record as one CSV line (fields quoted as needed), without the line end. */
    record: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/** How the columns of a file map onto a target's columns, saved per practice and target. */
export interface ImportMappingColumnJson {
  /** The file's header cell, as written. */
  header: string;
  /** The target's column, or null to ignore the file's column. */
  column: string | null;
}

/**
 * The practice's saved column mapping of one target: used by default for a file whose header cells are
 * exactly `headers` (compared as import headers are: no case, spaces, dashes or underscores).
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid().primaryKey().defaultRandom(),
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    target: text().notNull(),
    columns: jsonb().$type<ImportMappingColumnJson[]>().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('import_mappings_target').on(t.practiceId, t.target)],
);
