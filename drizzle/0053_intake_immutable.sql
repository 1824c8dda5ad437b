-- A form version is what patients answered: its questions never change (a new version is a new row).
CREATE TRIGGER intake_form_versions_frozen BEFORE UPDATE OR DELETE ON intake_form_versions
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER intake_form_versions_no_truncate BEFORE TRUNCATE ON intake_form_versions
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- Answers are stored as submitted: only the review (once) may be added to a submission.
CREATE OR REPLACE FUNCTION medoffice_intake_submissions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'table % keeps every submission', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.answers IS DISTINCT FROM OLD.answers OR NEW.link_id <> OLD.link_id OR NEW.patient_id <> OLD.patient_id
     OR NEW.appointment_id <> OLD.appointment_id OR NEW.form_version_id <> OLD.form_version_id
     OR NEW.signature_name IS DISTINCT FROM OLD.signature_name OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
     OR NEW.submitted_at <> OLD.submitted_at OR OLD.reviewed_at IS NOT NULL THEN
    RAISE EXCEPTION 'answers of table % are immutable and reviewed once', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER intake_submissions_guard_row BEFORE UPDATE OR DELETE ON intake_submissions
  FOR EACH ROW EXECUTE FUNCTION medoffice_intake_submissions_guard();
--> statement-breakpoint
CREATE TRIGGER intake_submissions_no_truncate BEFORE TRUNCATE ON intake_submissions
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
