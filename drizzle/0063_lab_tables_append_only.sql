-- Lab messages and observations are what the lab sent: never edited or removed (a correction is a new
-- report version with its own observations).
CREATE TRIGGER lab_messages_append_only BEFORE UPDATE OR DELETE ON lab_messages
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER lab_messages_no_truncate BEFORE TRUNCATE ON lab_messages
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER lab_observations_append_only BEFORE UPDATE OR DELETE ON lab_observations
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER lab_observations_no_truncate BEFORE TRUNCATE ON lab_observations
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- A report version is never removed and its content never changes. Only the office's own steps may be
-- recorded on it, each once: superseded (current true -> false), matched to a patient (from none),
-- reviewed and released (from never), with the version counter and update time.
CREATE OR REPLACE FUNCTION medoffice_lab_results_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'table % keeps every report version', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.practice_id, NEW.created_at, NEW.message_id, NEW.order_id, NEW.ordering_provider_id, NEW.report_key,
      NEW.placer_order_number, NEW.filler_order_number, NEW.code, NEW.code_system, NEW.display, NEW.status, NEW.revision,
      NEW.supersedes_id, NEW.effective_at, NEW.issued_at, NEW.interpretation, NEW.sent_patient, NEW.received_at)
     IS DISTINCT FROM
     (OLD.id, OLD.practice_id, OLD.created_at, OLD.message_id, OLD.order_id, OLD.ordering_provider_id, OLD.report_key,
      OLD.placer_order_number, OLD.filler_order_number, OLD.code, OLD.code_system, OLD.display, OLD.status, OLD.revision,
      OLD.supersedes_id, OLD.effective_at, OLD.issued_at, OLD.interpretation, OLD.sent_patient, OLD.received_at) THEN
    RAISE EXCEPTION 'the content of table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.current AND NOT OLD.current THEN
    RAISE EXCEPTION 'a superseded version of table % cannot become current again', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.patient_id IS NOT NULL AND (NEW.patient_id, NEW.matched_by, NEW.matched_at, NEW.matched_by_user)
     IS DISTINCT FROM (OLD.patient_id, OLD.matched_by, OLD.matched_at, OLD.matched_by_user) THEN
    RAISE EXCEPTION 'a matched report of table % cannot be matched again', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.reviewed_at IS NOT NULL AND (NEW.reviewed_by, NEW.reviewed_at) IS DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at) THEN
    RAISE EXCEPTION 'a review in table % cannot change', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.released_at IS NOT NULL AND (NEW.released_by, NEW.released_at) IS DISTINCT FROM (OLD.released_by, OLD.released_at) THEN
    RAISE EXCEPTION 'a release in table % cannot change', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER lab_results_guard_row BEFORE UPDATE OR DELETE ON lab_results
  FOR EACH ROW EXECUTE FUNCTION medoffice_lab_results_guard();
--> statement-breakpoint
CREATE TRIGGER lab_results_no_truncate BEFORE TRUNCATE ON lab_results
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
