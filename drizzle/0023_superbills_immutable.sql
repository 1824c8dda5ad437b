-- A finalized superbill never changes. The only UPDATEs the database accepts on a superbill are:
--   DRAFT      → anything (edits, finalize, void) — the service enforces the state machine;
--   FINALIZED  → VOIDED     changing only status, void_reason, voided_at, voided_by, version, updated_at;
--   FINALIZED  → SUPERSEDED changing only status, superseded_by_id, superseded_at, version, updated_at.
-- VOIDED and SUPERSEDED rows refuse every UPDATE; no superbill is ever deleted. Diagnoses and lines of
-- a superbill that is not a DRAFT refuse INSERT, UPDATE and DELETE.
CREATE OR REPLACE FUNCTION medoffice_superbill_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  transition_columns text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'superbill % cannot be deleted (void it)', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'DRAFT' THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'FINALIZED' AND NEW.status = 'VOIDED' THEN
    transition_columns := ARRAY['status', 'void_reason', 'voided_at', 'voided_by', 'version', 'updated_at'];
  ELSIF OLD.status = 'FINALIZED' AND NEW.status = 'SUPERSEDED' THEN
    transition_columns := ARRAY['status', 'superseded_by_id', 'superseded_at', 'version', 'updated_at'];
  ELSE
    RAISE EXCEPTION 'superbill % is % and cannot change', OLD.id, OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(OLD) - transition_columns) IS DISTINCT FROM (to_jsonb(NEW) - transition_columns) THEN
    RAISE EXCEPTION 'superbill % is FINALIZED: only its status may move to %', OLD.id, NEW.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER superbills_finalized_immutable BEFORE UPDATE OR DELETE ON superbills
  FOR EACH ROW EXECUTE FUNCTION medoffice_superbill_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION medoffice_superbill_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT status INTO parent_status FROM superbills
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.superbill_id ELSE NEW.superbill_id END;
  IF parent_status IS DISTINCT FROM 'DRAFT' THEN
    RAISE EXCEPTION '% of a % superbill cannot change', TG_TABLE_NAME, parent_status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.superbill_id <> NEW.superbill_id) THEN
    RAISE EXCEPTION '% cannot move to another superbill', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER superbill_diagnoses_draft_only BEFORE INSERT OR UPDATE OR DELETE ON superbill_diagnoses
  FOR EACH ROW EXECUTE FUNCTION medoffice_superbill_child_guard();
--> statement-breakpoint
CREATE TRIGGER superbill_lines_draft_only BEFORE INSERT OR UPDATE OR DELETE ON superbill_lines
  FOR EACH ROW EXECUTE FUNCTION medoffice_superbill_child_guard();
--> statement-breakpoint
CREATE TRIGGER superbills_no_truncate BEFORE TRUNCATE ON superbills
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
