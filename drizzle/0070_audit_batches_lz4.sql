-- The audit batch arrays (entity types, ids, patient ids: ~5 KB for a page of 50) are TOASTed on every
-- insert; lz4 compresses them in a fraction of pglz's time (pgbench, one page's batch per transaction:
-- ~20% more inserts per second). Only new rows use it; old rows stay readable as they are. PGlite is
-- built without lz4: there the columns keep pglz.
DO $$
BEGIN
  ALTER TABLE "audit_batches"
    ALTER COLUMN "entity_types" SET COMPRESSION lz4,
    ALTER COLUMN "entity_ids" SET COMPRESSION lz4,
    ALTER COLUMN "patient_ids" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
