-- A release request's history and the package it sent are the accounting of disclosures: who released
-- which document versions, when and why is never edited or removed.
CREATE TRIGGER release_request_history_append_only BEFORE UPDATE OR DELETE ON release_request_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER release_request_history_no_truncate BEFORE TRUNCATE ON release_request_history
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER release_request_documents_append_only BEFORE UPDATE OR DELETE ON release_request_documents
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER release_request_documents_no_truncate BEFORE TRUNCATE ON release_request_documents
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- A request is never removed; once SENT (a disclosure) it never changes again.
CREATE OR REPLACE FUNCTION medoffice_release_requests_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'table % keeps every request', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('SENT', 'DENIED') THEN
    RAISE EXCEPTION 'a % request of table % cannot change', OLD.status, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER release_requests_guard_row BEFORE UPDATE OR DELETE ON release_requests
  FOR EACH ROW EXECUTE FUNCTION medoffice_release_requests_guard();
--> statement-breakpoint
CREATE TRIGGER release_requests_no_truncate BEFORE TRUNCATE ON release_requests
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
