-- A/R aging now reads ar_items (migrations 0050–0051); the covering index it summed the ledger from
-- (ledger_entries_aging, migration 0033) only costs every ledger insert now.
DROP INDEX IF EXISTS "ledger_entries_aging";
