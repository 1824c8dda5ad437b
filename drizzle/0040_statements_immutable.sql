-- A statement is a snapshot of what was sent to the patient: never edited, never removed.
CREATE TRIGGER patient_statements_immutable BEFORE UPDATE OR DELETE ON patient_statements
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER patient_statements_no_truncate BEFORE TRUNCATE ON patient_statements
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER patient_statement_lines_immutable BEFORE UPDATE OR DELETE ON patient_statement_lines
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER patient_statement_lines_no_truncate BEFORE TRUNCATE ON patient_statement_lines
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
