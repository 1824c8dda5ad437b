-- Typo-tolerant word search over code descriptions (pg_trgm from 0000_extensions): `q <% description`.
CREATE INDEX codes_description_trgm ON codes USING gin (description gin_trgm_ops);
--> statement-breakpoint
-- A fee schedule has at most one price for a code and modifier set on any date (inclusive ranges;
-- a null effective_to is open-ended). btree_gist provides = on uuid and text.
ALTER TABLE fee_schedule_entries ADD CONSTRAINT fee_schedule_entries_no_overlap
  EXCLUDE USING gist (schedule_id WITH =, code WITH =, modifiers WITH =, daterange(effective_from, effective_to, '[]') WITH &&);
