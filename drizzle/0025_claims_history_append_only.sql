-- A claim's status history and notes are append-only: the database refuses to change or remove them.
CREATE TRIGGER claim_status_history_append_only BEFORE UPDATE OR DELETE ON claim_status_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER claim_status_history_no_truncate BEFORE TRUNCATE ON claim_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER claim_notes_append_only BEFORE UPDATE OR DELETE ON claim_notes
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER claim_notes_no_truncate BEFORE TRUNCATE ON claim_notes
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
