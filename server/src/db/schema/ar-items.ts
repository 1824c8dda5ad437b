import { bigint, date, index, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/**
 * A/R items with their running balances, derived from the ledger (never written by the application).
 * An item is what A/R aging ages as one: a superbill with one patient (claim_id null), else — for entries
 * on no superbill — a patient's claim, else the patient's account (both null). Triggers (custom migration
 * `ar_items_triggers`) keep it: each ledger INSERT statement adds its entries' sums per item (statement-level,
 * transition table), so the sums always equal the ledger's; superbill changes copy the superbill's date of
 * service, payer, provider and location; claim inserts and submitted_at changes recompute
 * `first_submitted_at`. `ledger-property.test.ts` checks every item against the ledger under random sequences.
 */
export const arItems = pgTable(
  'ar_items',
  {
    practiceId: uuid()
      .notNull()
      .references(() => practices.id),
    superbillId: uuid(),
    patientId: uuid().notNull(),
    /** Only on items without a superbill: the claim their entries are posted to (null: the account). */
    claimId: uuid(),
    insuranceCents: bigint({ mode: 'number' }).notNull(),
    patientCents: bigint({ mode: 'number' }).notNull(),
    /** The greatest payer_id of the item's entries (the payer of items without a superbill payer). */
    entryPayerId: uuid(),
    firstEffectiveDate: date({ mode: 'string' }).notNull(),
    /** Aging as of a date before this recomputes the item from its entries (it has entries after that date). */
    lastEffectiveDate: date({ mode: 'string' }).notNull(),
    /** The superbill's (null without a superbill). */
    dateOfService: date({ mode: 'string' }),
    payerId: uuid(),
    renderingProviderId: uuid(),
    locationId: uuid(),
    /** Earliest submitted_at of the superbill's claims and of the claims the item's entries are posted to. */
    firstSubmittedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('ar_items_item').on(t.practiceId, t.superbillId, t.patientId, t.claimId).nullsNotDistinct(),
    index('ar_items_late').on(t.practiceId, t.lastEffectiveDate),
    index('ar_items_claim').on(t.claimId),
  ],
);
