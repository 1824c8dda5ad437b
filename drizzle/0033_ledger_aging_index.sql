-- A/R aging sums each open superbill item (superbill, patient) straight from this index, in its order,
-- as it reads it: an index-only scan with a streaming aggregate instead of hashing or sorting every entry
-- (ar-aging.repo.ts). INCLUDE is not expressible in drizzle's schema, hence a custom migration.
CREATE INDEX IF NOT EXISTS "ledger_entries_aging" ON "ledger_entries" USING btree ("practice_id", "superbill_id", "patient_id") INCLUDE ("effective_date", "insurance_cents", "patient_cents", "payer_id", "claim_id");
