-- At most one ACTIVE coverage of each order (primary, secondary, tertiary) per patient on any date.
-- Dates are inclusive ('[]'); a null end date is open-ended. Deferred to commit so reorderCoverages can
-- swap orders inside one transaction. btree_gist (0000_extensions) provides = on uuid and text.
ALTER TABLE coverages ADD CONSTRAINT coverages_one_active_per_order
  EXCLUDE USING gist (patient_id WITH =, coverage_order WITH =, daterange(effective_date, end_date, '[]') WITH &&)
  WHERE (status = 'ACTIVE') DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE coverages ADD CONSTRAINT coverages_order_values CHECK (coverage_order IN ('PRIMARY', 'SECONDARY', 'TERTIARY'));
--> statement-breakpoint
ALTER TABLE coverages ADD CONSTRAINT coverages_status_values CHECK (status IN ('ACTIVE', 'CANCELLED'));
--> statement-breakpoint
ALTER TABLE coverages ADD CONSTRAINT coverages_relationship_values CHECK (subscriber_relationship IN ('SELF', 'SPOUSE', 'CHILD', 'OTHER'));
--> statement-breakpoint
-- Interchange control numbers (ISA13/GS06) must be unique per sender: one sequence for the whole system,
-- cycling within the 9 digits X12 allows.
CREATE SEQUENCE IF NOT EXISTS x12_interchange_control_seq MINVALUE 1 MAXVALUE 999999999 CYCLE;
--> statement-breakpoint
-- Coverage history and eligibility checks are append-only, like the audit trail (function from 0002).
CREATE TRIGGER coverage_history_append_only BEFORE UPDATE OR DELETE ON coverage_history
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER eligibility_checks_append_only BEFORE UPDATE OR DELETE ON eligibility_checks
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
