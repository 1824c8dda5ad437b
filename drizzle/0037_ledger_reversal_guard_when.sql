-- The reversal guard only has work for REVERSAL rows: test that in the trigger's WHEN (evaluated
-- without calling PL/pgSQL), so a posting of thousands of payments and adjustments does not pay one
-- function call per row. The function and what it checks are unchanged.
DROP TRIGGER ledger_entries_reversal_guard ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_reversal_guard BEFORE INSERT ON ledger_entries
  FOR EACH ROW WHEN (NEW.kind = 'REVERSAL') EXECUTE FUNCTION medoffice_ledger_reversal_guard();
