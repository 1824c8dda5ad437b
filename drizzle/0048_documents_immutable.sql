-- A document version is a record of what the office received or made: its content and description never
-- change and it is never removed. The only changes allowed: marking it superseded (once) and marking it
-- entered in error (once), with updated_at and version moving along.
CREATE OR REPLACE FUNCTION medoffice_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'table % keeps every document; mark it entered in error instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.practice_id <> OLD.practice_id OR NEW.patient_id <> OLD.patient_id OR NEW.type <> OLD.type
     OR NEW.title IS DISTINCT FROM OLD.title OR NEW.document_date <> OLD.document_date
     OR NEW.source IS DISTINCT FROM OLD.source OR NEW.author IS DISTINCT FROM OLD.author
     OR NEW.media_type <> OLD.media_type OR NEW.size_bytes <> OLD.size_bytes OR NEW.sha256 <> OLD.sha256
     OR NEW.content <> OLD.content OR NEW.revision <> OLD.revision OR NEW.supersedes_id IS DISTINCT FROM OLD.supersedes_id
     OR NEW.uploaded_by <> OLD.uploaded_by OR NEW.created_at <> OLD.created_at
     OR (OLD.superseded_by_id IS NOT NULL AND NEW.superseded_by_id IS DISTINCT FROM OLD.superseded_by_id)
     OR (OLD.entered_in_error_at IS NOT NULL AND (NEW.entered_in_error_at IS DISTINCT FROM OLD.entered_in_error_at
         OR NEW.entered_in_error_by IS DISTINCT FROM OLD.entered_in_error_by OR NEW.entered_in_error_reason IS DISTINCT FROM OLD.entered_in_error_reason)) THEN
    RAISE EXCEPTION 'a document version of table % cannot be changed; upload a new version', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_guard_row BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION medoffice_documents_guard();
--> statement-breakpoint
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
