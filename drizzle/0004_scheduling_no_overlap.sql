-- No two active appointments of one provider, or of one patient, may overlap: half-open [start, end)
-- ranges, enforced by the database under any concurrency (btree_gist provides = on uuid).
ALTER TABLE appointments ADD CONSTRAINT appointments_provider_no_overlap
  EXCLUDE USING gist (provider_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (active);
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap
  EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (active);
