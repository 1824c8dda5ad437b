-- The ledger is append-only: a correction is a reversing entry, never an edit or a removal.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- A REVERSAL undoes exactly one entry of the same practice and patient: the same buckets, claim line and
-- superbill line, the amount negated; a reversal itself is never reversed (post the entry again instead).
-- Exactly once is the unique index ledger_entries_reversed_once.
CREATE OR REPLACE FUNCTION medoffice_ledger_reversal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orig ledger_entries%ROWTYPE;
BEGIN
  -- A REVERSAL without reverses_id is refused by the check ledger_entries_reversal.
  IF NEW.kind <> 'REVERSAL' OR NEW.reverses_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO orig FROM ledger_entries WHERE id = NEW.reverses_id;
  IF NOT FOUND OR orig.practice_id <> NEW.practice_id THEN
    RAISE EXCEPTION 'ledger entry % reverses no entry of its practice', NEW.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF orig.kind = 'REVERSAL' THEN
    RAISE EXCEPTION 'ledger entry % is a reversal and cannot be reversed', orig.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.amount_cents <> -orig.amount_cents
    OR NEW.bucket <> orig.bucket
    OR NEW.counter_bucket IS DISTINCT FROM orig.counter_bucket
    OR NEW.patient_id <> orig.patient_id
    OR NEW.claim_id IS DISTINCT FROM orig.claim_id
    OR NEW.claim_line_position IS DISTINCT FROM orig.claim_line_position
    OR NEW.superbill_id IS DISTINCT FROM orig.superbill_id
    OR NEW.superbill_line_position IS DISTINCT FROM orig.superbill_line_position THEN
    RAISE EXCEPTION 'reversal % must negate entry % exactly (same patient, lines and buckets)', NEW.id, orig.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_reversal_guard BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION medoffice_ledger_reversal_guard();
