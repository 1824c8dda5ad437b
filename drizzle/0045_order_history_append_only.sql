-- An order's history is append-only: every step (who, when) stays as recorded.
CREATE TRIGGER order_history_append_only BEFORE UPDATE OR DELETE ON order_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER order_history_no_truncate BEFORE TRUNCATE ON order_history
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
