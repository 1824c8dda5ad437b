-- Tamper-evident audit trail: every audit batch gets a link in its practice's hash chain when its
-- transaction commits. See docs/operations.md ("Audit chain").
--
-- Canonical content of a batch: a JSON array of its columns in this fixed order, the instant as UTC text
-- with microseconds, arrays as JSON arrays. json_build_array's text form is the same on PostgreSQL 15 and
-- on PGlite (PostgreSQL 18), and JSON quoting makes it unambiguous (no separator can be forged in a value).
-- The verifier (modules/audit/audit-chain.repo.ts) spells the same expression out instead of calling this
-- function, so replacing the function cannot make a rewritten row verify.
CREATE FUNCTION medoffice_audit_content(b audit_batches) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(b.id, b.practice_id, to_char(b.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), b.user_id, b.roles,
    b.action, b.operation_name, b.request_id, b.client_id, b.entity_types, b.entity_ids, b.patient_ids)::text
$$;
--> statement-breakpoint
-- Appends one batch to its practice's chain: hash = sha256(previous hash bytes || content), the first
-- link hashing the content alone. The head row is the lock: INSERT … ON CONFLICT DO UPDATE waits for a
-- concurrent committer of the same practice and then advances from the head it committed, so the chain
-- never forks; other practices are not blocked.
CREATE FUNCTION medoffice_audit_chain_append(b audit_batches) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  content bytea := convert_to(medoffice_audit_content(b), 'UTF8');
  link record;
BEGIN
  INSERT INTO audit_chain_heads AS h (practice_id, seq, batch_id, hash, linked_at)
  VALUES (b.practice_id, 1, b.id, encode(sha256(content), 'hex'), clock_timestamp())
  ON CONFLICT (practice_id) DO UPDATE
    SET seq = h.seq + 1, batch_id = excluded.batch_id, hash = encode(sha256(decode(h.hash, 'hex') || content), 'hex'), linked_at = clock_timestamp()
  RETURNING h.seq, h.hash, h.linked_at INTO link;
  INSERT INTO audit_chain (practice_id, seq, batch_id, hash, linked_at) VALUES (b.practice_id, link.seq, b.id, link.hash, link.linked_at);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION medoffice_audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM medoffice_audit_chain_append(NEW);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Deferred to commit: the head is locked only while the transaction commits, after all its other
-- statements, so a write transaction that recorded its audit early never holds the practice's head while
-- it waits for row locks taken after it (no deadlock there, short serialization); the chain order is the commit order.
CREATE CONSTRAINT TRIGGER audit_batches_chain AFTER INSERT ON audit_batches
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION medoffice_audit_chain_link();
--> statement-breakpoint
-- Links are history too: append-only like the batches (function from 0002).
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- Batches recorded before the chain existed are chained here, per practice in id order (their insert
-- order), so a verification covers the whole trail. The trigger above already exists in this transaction
-- and holds out concurrent inserts until the migration commits, so no batch is missed or linked twice.
-- The chain is carried in variables and each head written once: advancing the head row per batch would
-- leave every earlier version of it in this one transaction's way, quadratic in the number of batches.
DO $$
DECLARE
  b audit_batches;
  practice uuid := NULL;
  n bigint := 0;
  h bytea := '';
  last_batch bigint;
BEGIN
  FOR b IN SELECT * FROM audit_batches ORDER BY practice_id, id LOOP
    IF practice IS DISTINCT FROM b.practice_id THEN
      IF practice IS NOT NULL THEN
        INSERT INTO audit_chain_heads (practice_id, seq, batch_id, hash, linked_at) VALUES (practice, n, last_batch, encode(h, 'hex'), clock_timestamp());
      END IF;
      practice := b.practice_id;
      n := 0;
      h := '';
    END IF;
    n := n + 1;
    h := sha256(h || convert_to(medoffice_audit_content(b), 'UTF8'));
    last_batch := b.id;
    INSERT INTO audit_chain (practice_id, seq, batch_id, hash, linked_at) VALUES (practice, n, b.id, encode(h, 'hex'), clock_timestamp());
  END LOOP;
  IF practice IS NOT NULL THEN
    INSERT INTO audit_chain_heads (practice_id, seq, batch_id, hash, linked_at) VALUES (practice, n, last_batch, encode(h, 'hex'), clock_timestamp());
  END IF;
END;
$$;
