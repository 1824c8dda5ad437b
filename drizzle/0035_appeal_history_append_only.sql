-- An appeal's history is append-only: who moved it, when and why is never edited or removed.
CREATE TRIGGER appeal_history_append_only BEFORE UPDATE OR DELETE ON appeal_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER appeal_history_no_truncate BEFORE TRUNCATE ON appeal_history
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
