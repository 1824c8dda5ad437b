-- A/R items (table ar_items, migration 0050) kept by triggers, so A/R aging reads one row per item instead of
-- summing every ledger entry (ar-aging.repo.ts). An item is (practice, superbill, patient) for entries on a
-- superbill, else (practice, patient, claim) with claim possibly null (the account).
--
-- The first submission of an item: the earliest submitted_at of its superbill's claims, of the claims its
-- entries are posted to, and (items without a superbill) of its own claim. One definition, used by the
-- backfill and by both triggers below.
-- Only claims of the item's practice count.
CREATE OR REPLACE FUNCTION medoffice_ar_item_first_submission(p_practice uuid, p_superbill uuid, p_patient uuid, p_claim uuid) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT min(t) FROM (
    SELECT c.submitted_at AS t FROM claims c WHERE p_superbill IS NOT NULL AND c.superbill_id = p_superbill AND c.practice_id = p_practice
    UNION ALL
    SELECT c.submitted_at FROM ledger_entries e JOIN claims c ON c.id = e.claim_id AND c.practice_id = e.practice_id
     WHERE p_superbill IS NOT NULL AND e.superbill_id = p_superbill AND e.patient_id = p_patient AND e.practice_id = p_practice
    UNION ALL
    SELECT c.submitted_at FROM claims c WHERE p_superbill IS NULL AND c.id = p_claim AND c.practice_id = p_practice
  ) x
$$;
--> statement-breakpoint
-- Every ledger INSERT statement adds its entries to their items: one upsert per statement, in key order so
-- concurrent postings lock items in the same order. The first submission of a touched item can only become
-- earlier through the claims of its new entries (claim changes are the claims triggers' business): the
-- earliest of those and of its superbill's claims (or, without a superbill, of its claim) is merged in with
-- least(). Only the transition table and claims are read here, never ledger_entries, whose statistics do not
-- know the rows this very statement added.
CREATE OR REPLACE FUNCTION medoffice_ar_items_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ar_items AS i (practice_id, superbill_id, patient_id, claim_id, insurance_cents, patient_cents, entry_payer_id,
                             first_effective_date, last_effective_date, date_of_service, payer_id, rendering_provider_id, location_id, first_submitted_at)
  SELECT s.practice_id, s.superbill_id, s.patient_id, s.claim_id, s.ins, s.pat, s.payer, s.first, s.last,
         sb.date_of_service, sb.payer_id, sb.rendering_provider_id, sb.location_id,
         least(s.entry_submitted_at,
               (SELECT min(c.submitted_at) FROM claims c WHERE s.superbill_id IS NOT NULL AND c.superbill_id = s.superbill_id AND c.practice_id = s.practice_id))
    FROM (SELECT n.practice_id, n.superbill_id, n.patient_id, CASE WHEN n.superbill_id IS NULL THEN n.claim_id END AS claim_id,
                 sum(n.insurance_cents) AS ins, sum(n.patient_cents) AS pat, max(n.payer_id::text)::uuid AS payer,
                 min(n.effective_date) AS first, max(n.effective_date) AS last, min(c.submitted_at) AS entry_submitted_at
            FROM new_entries n LEFT JOIN claims c ON c.id = n.claim_id AND c.practice_id = n.practice_id
           GROUP BY 1, 2, 3, 4) s
    LEFT JOIN superbills sb ON sb.id = s.superbill_id
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT ar_items_item DO UPDATE SET
    insurance_cents = i.insurance_cents + excluded.insurance_cents,
    patient_cents = i.patient_cents + excluded.patient_cents,
    entry_payer_id = greatest(i.entry_payer_id, excluded.entry_payer_id),
    first_effective_date = least(i.first_effective_date, excluded.first_effective_date),
    last_effective_date = greatest(i.last_effective_date, excluded.last_effective_date),
    first_submitted_at = least(i.first_submitted_at, excluded.first_submitted_at);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_ar_items AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION medoffice_ar_items_add();
--> statement-breakpoint
-- A claim inserted already submitted, or whose submitted_at (or superbill) changes (submission, correction
-- back to DRAFT): recompute the first submission of the items it can count for: its superbill's items, the
-- superbill items with entries on it, and its own item without a superbill.
CREATE OR REPLACE FUNCTION medoffice_ar_items_resubmit(p_claims uuid[], p_superbills uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE ar_items i SET first_submitted_at = medoffice_ar_item_first_submission(i.practice_id, i.superbill_id, i.patient_id, NULL)
   WHERE i.practice_id IN (SELECT c.practice_id FROM claims c WHERE c.id = ANY (p_claims)) AND i.superbill_id = ANY (p_superbills) AND i.claim_id IS NULL;
  UPDATE ar_items i SET first_submitted_at = medoffice_ar_item_first_submission(i.practice_id, i.superbill_id, i.patient_id, NULL)
    FROM (SELECT DISTINCT e.practice_id, e.superbill_id, e.patient_id FROM ledger_entries e JOIN claims c ON c.id = e.claim_id AND c.practice_id = e.practice_id
           WHERE c.id = ANY (p_claims) AND e.superbill_id IS NOT NULL) k
   WHERE i.practice_id = k.practice_id AND i.superbill_id = k.superbill_id AND i.patient_id = k.patient_id AND i.claim_id IS NULL;
  UPDATE ar_items i SET first_submitted_at = medoffice_ar_item_first_submission(i.practice_id, NULL, i.patient_id, i.claim_id)
   WHERE i.claim_id = ANY (p_claims) AND i.superbill_id IS NULL;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION medoffice_ar_items_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  sbs uuid[];
BEGIN
  SELECT array_agg(n.id), array_agg(n.superbill_id) FILTER (WHERE n.superbill_id IS NOT NULL) INTO ids, sbs
    FROM new_claims n WHERE n.submitted_at IS NOT NULL;
  IF ids IS NOT NULL THEN
    PERFORM medoffice_ar_items_resubmit(ids, coalesce(sbs, '{}'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION medoffice_ar_items_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  sbs uuid[];
BEGIN
  SELECT array_agg(n.id), array_agg(n.superbill_id) FILTER (WHERE n.superbill_id IS NOT NULL) || array_agg(o.superbill_id) FILTER (WHERE o.superbill_id IS NOT NULL)
    INTO ids, sbs
    FROM new_claims n JOIN old_claims o ON o.id = n.id
   WHERE n.submitted_at IS DISTINCT FROM o.submitted_at OR n.superbill_id IS DISTINCT FROM o.superbill_id;
  IF ids IS NOT NULL THEN
    PERFORM medoffice_ar_items_resubmit(ids, coalesce(sbs, '{}'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_ar_items_inserted AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION medoffice_ar_items_claims_inserted();
--> statement-breakpoint
CREATE TRIGGER claims_ar_items_updated AFTER UPDATE ON claims
  REFERENCING NEW TABLE AS new_claims OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION medoffice_ar_items_claims_updated();
--> statement-breakpoint
-- A superbill's date of service, payer, provider or location is copied onto its items (they change only
-- while it is a DRAFT; migration 0023).
CREATE OR REPLACE FUNCTION medoffice_ar_items_superbill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ar_items SET date_of_service = NEW.date_of_service, payer_id = NEW.payer_id,
                      rendering_provider_id = NEW.rendering_provider_id, location_id = NEW.location_id
   WHERE practice_id = NEW.practice_id AND superbill_id = NEW.id AND claim_id IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER superbills_ar_items AFTER UPDATE ON superbills FOR EACH ROW
  WHEN (OLD.date_of_service IS DISTINCT FROM NEW.date_of_service OR OLD.payer_id IS DISTINCT FROM NEW.payer_id
        OR OLD.rendering_provider_id IS DISTINCT FROM NEW.rendering_provider_id OR OLD.location_id IS DISTINCT FROM NEW.location_id)
  EXECUTE FUNCTION medoffice_ar_items_superbill();
--> statement-breakpoint
-- Backfill from the ledger as it stands.
INSERT INTO ar_items (practice_id, superbill_id, patient_id, claim_id, insurance_cents, patient_cents, entry_payer_id,
                      first_effective_date, last_effective_date, date_of_service, payer_id, rendering_provider_id, location_id)
SELECT s.practice_id, s.superbill_id, s.patient_id, s.claim_id, s.ins, s.pat, s.payer, s.first, s.last,
       sb.date_of_service, sb.payer_id, sb.rendering_provider_id, sb.location_id
  FROM (SELECT e.practice_id, e.superbill_id, e.patient_id, CASE WHEN e.superbill_id IS NULL THEN e.claim_id END AS claim_id,
               sum(e.insurance_cents) AS ins, sum(e.patient_cents) AS pat, max(e.payer_id::text)::uuid AS payer,
               min(e.effective_date) AS first, max(e.effective_date) AS last
          FROM ledger_entries e GROUP BY 1, 2, 3, 4) s
  LEFT JOIN superbills sb ON sb.id = s.superbill_id;
--> statement-breakpoint
UPDATE ar_items SET first_submitted_at = medoffice_ar_item_first_submission(practice_id, superbill_id, patient_id, claim_id)
 WHERE superbill_id IS NOT NULL OR claim_id IS NOT NULL;
