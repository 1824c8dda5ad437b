-- audit_batches is append-only like audit_events was (function from 0002).
CREATE TRIGGER audit_batches_append_only BEFORE UPDATE OR DELETE ON audit_batches
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_batches_no_truncate BEFORE TRUNCATE ON audit_batches
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- Retire audit_events before copying it: creating the trigger locks out concurrent inserts until this
-- transaction ends, and afterwards the trigger refuses them, so an old server still running cannot
-- acknowledge an event that the copy below misses (its request fails instead). 0012 drops the table.
CREATE TRIGGER audit_events_retired BEFORE INSERT ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- Every event becomes a batch of one, keeping its id and instant.
INSERT INTO audit_batches (id, practice_id, at, user_id, roles, action, operation_name, request_id, entity_types, entity_ids, patient_ids)
SELECT id, practice_id, at, user_id, roles, action, operation_name, request_id, ARRAY[entity_type], ARRAY[entity_id], ARRAY[patient_id]
  FROM audit_events
 ORDER BY id;
--> statement-breakpoint
-- New batches continue the old id sequence exactly where it stood (ids of rolled-back inserts included).
SELECT setval(pg_get_serial_sequence('audit_batches', 'id'), s.last_value, s.is_called) FROM audit_events_id_seq s;
