import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** PATIENTS, PROVIDERS, APPOINTMENT_TYPES, SUPPLY_ITEMS, OPENING_STOCK. */
    target: text().notNull(),
    fileSha256: text().notNull(),
    fileName: text(),
    /** DRY_RUN (nothing written), COMMITTED (every row written), REJECTED (problems; nothing written). */
    status: text().notNull(),
    rows: integer().notNull(),
    problemCount: integer().notNull(),
    /** The first problems (at most 1,000). */
    problems: jsonb().$type<ImportProblemJson[]>().notNull(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('imports_page').on(t.practiceId, t.number),
    uniqueIndex('imports_file_once').on(t.practiceId, t.target, t.fileSha256).where(sql`${t.status} = 'COMMITTED'`),
    check('imports_status', sql`${t.status} in ('DRY_RUN', 'COMMITTED', 'REJECTED')`),
    check('imports_target', sql`${t.target} in ('PATIENTS', 'PROVIDERS', 'APPOINTMENT_TYPES', 'SUPPLY_ITEMS', 'OPENING_STOCK')`),
  ],
);
