-- A referral's status history is append-only: who moved it and when is never edited or removed.
CREATE TRIGGER referral_history_append_only BEFORE UPDATE OR DELETE ON referral_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER referral_history_no_truncate BEFORE TRUNCATE ON referral_history
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
