-- Incremental analytics refresh: every write to a table the rollups read marks the (practice, rollup, month)
-- it changes in analytics_dirty_months, one statement-level trigger per table and event (transition tables:
-- a bulk insert costs one extra statement, not one per row). Timestamps are turned into the months of
-- ts − 14 h and ts + 14 h (every local date the instant can have), a superset that needs no time zone.
-- Marks are supersets by design: recomputing a month that did not change is harmless, missing one is not.

CREATE FUNCTION analytics_months_of(ts timestamptz) RETURNS SETOF date LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT date_trunc('month', (ts AT TIME ZONE 'UTC') + o)::date FROM (VALUES (interval '-14 hours'), (interval '14 hours')) v(o)
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_month_range(lo date, hi date) RETURNS SETOF date LANGUAGE sql IMMUTABLE AS $$
  SELECT generate_series(date_trunc('month', lo::timestamp), date_trunc('month', hi::timestamp), interval '1 month')::date
$$;
--> statement-breakpoint

-- Appointments: the visit and capacity months of the old and new rows; a COMPLETED visit also decides
-- whether the patient's next visits in the following 3 years are new or established.
CREATE FUNCTION analytics_dirty_appointments_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT x.practice_id, r.rollup, m.month
  FROM new_rows x
  CROSS JOIN LATERAL (
    SELECT analytics_months_of(x.starts_at) AS month
    UNION
    SELECT analytics_months_of(a.starts_at) FROM appointments a
     WHERE x.status = 'COMPLETED' AND a.practice_id = x.practice_id AND a.patient_id = x.patient_id AND a.status = 'COMPLETED'
       AND a.starts_at > x.starts_at AND a.starts_at <= x.starts_at + interval '3 years'
  ) m
  CROSS JOIN (VALUES ('visits'), ('capacity')) r(rollup)
  WHERE x.status NOT IN ('HELD', 'ENTERED_IN_ERROR');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_appointments_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose analytics inputs changed (status, times, people, place, type, modality, booking, cancellation, arrival).
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  WITH changed AS (
    SELECT o.practice_id, o.patient_id AS old_patient, o.starts_at AS old_start, o.status AS old_status, n.patient_id, n.starts_at, n.status
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.status, o.starts_at, o.ends_at, o.patient_id, o.provider_id, o.location_id, o.appointment_type_id, o.modality, o.cancelled_at, o.arrived_at, o.created_at)
          IS DISTINCT FROM (n.status, n.starts_at, n.ends_at, n.patient_id, n.provider_id, n.location_id, n.appointment_type_id, n.modality, n.cancelled_at, n.arrived_at, n.created_at)
  ), x AS (
    SELECT practice_id, old_patient AS patient_id, old_start AS starts_at, old_status AS status FROM changed
    UNION ALL SELECT practice_id, patient_id, starts_at, status FROM changed
  )
  SELECT DISTINCT x.practice_id, r.rollup, m.month
  FROM x
  CROSS JOIN LATERAL (
    SELECT analytics_months_of(x.starts_at) AS month
    UNION
    SELECT analytics_months_of(a.starts_at) FROM appointments a
     WHERE x.status = 'COMPLETED' AND a.practice_id = x.practice_id AND a.patient_id = x.patient_id AND a.status = 'COMPLETED'
       AND a.starts_at > x.starts_at AND a.starts_at <= x.starts_at + interval '3 years'
  ) m
  CROSS JOIN (VALUES ('visits'), ('capacity')) r(rollup);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_appointments_insert AFTER INSERT ON appointments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_appointments_insert();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_appointments_update AFTER UPDATE ON appointments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_appointments_update();
--> statement-breakpoint

-- The first move to IN_ROOM decides the rooming wait of its appointment's month.
CREATE FUNCTION analytics_dirty_appointment_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT a.practice_id, 'visits', analytics_months_of(a.starts_at)
  FROM new_rows h JOIN appointments a ON a.id = h.appointment_id WHERE h.to_status = 'IN_ROOM';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_appointment_history AFTER INSERT ON appointment_status_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_appointment_history();
--> statement-breakpoint

-- A corrected date of birth moves the patient's visits between age bands.
CREATE FUNCTION analytics_dirty_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT a.practice_id, 'visits', analytics_months_of(a.starts_at)
  FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN appointments a ON a.practice_id = n.practice_id AND a.patient_id = n.id
  WHERE o.date_of_birth IS DISTINCT FROM n.date_of_birth;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_patients AFTER UPDATE ON patients REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_patients();
--> statement-breakpoint

-- Working hours: the capacity months a weekly rule is in force (bounded 3 years ahead) or an exception covers.
CREATE FUNCTION analytics_dirty_rule_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month)
    SELECT DISTINCT x.practice_id, 'capacity', m
    FROM old_rows x, analytics_month_range(x.effective_from, least(coalesce(x.effective_to, 'infinity'::date), (now() + interval '3 years')::date)) m;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month)
    SELECT DISTINCT x.practice_id, 'capacity', m
    FROM new_rows x, analytics_month_range(x.effective_from, least(coalesce(x.effective_to, 'infinity'::date), (now() + interval '3 years')::date)) m;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_rules_insert AFTER INSERT ON availability_rules REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_rule_rows();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_rules_update AFTER UPDATE ON availability_rules REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_rule_rows();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_rules_delete AFTER DELETE ON availability_rules REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_rule_rows();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_exception_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month)
    SELECT DISTINCT x.practice_id, 'capacity', m
    FROM old_rows x, analytics_month_range((x.starts_at AT TIME ZONE 'UTC' - interval '14 hours')::date, (x.ends_at AT TIME ZONE 'UTC' + interval '14 hours')::date) m;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month)
    SELECT DISTINCT x.practice_id, 'capacity', m
    FROM new_rows x, analytics_month_range((x.starts_at AT TIME ZONE 'UTC' - interval '14 hours')::date, (x.ends_at AT TIME ZONE 'UTC' + interval '14 hours')::date) m;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_exceptions_insert AFTER INSERT ON availability_exceptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_exception_rows();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_exceptions_update AFTER UPDATE ON availability_exceptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_exception_rows();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_exceptions_delete AFTER DELETE ON availability_exceptions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_exception_rows();
--> statement-breakpoint

-- Changes that reach every month of a rollup: who works where, a provider (de)activated, a location's time zone.
CREATE FUNCTION analytics_dirty_all_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month) SELECT DISTINCT practice_id, 'capacity', null::date FROM old_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analytics_dirty_months (practice_id, rollup, month) SELECT DISTINCT practice_id, 'capacity', null::date FROM new_rows;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_provider_locations_insert AFTER INSERT ON provider_locations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_all_capacity();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_provider_locations_update AFTER UPDATE ON provider_locations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_all_capacity();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_provider_locations_delete AFTER DELETE ON provider_locations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_all_capacity();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_providers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT n.practice_id, 'capacity', null::date FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.active IS DISTINCT FROM n.active;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_providers AFTER UPDATE ON providers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_providers();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_locations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT n.practice_id, r.rollup, null::date FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN (VALUES ('visits'), ('finance'), ('capacity')) r(rollup)
  WHERE o.time_zone IS DISTINCT FROM n.time_zone;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_locations AFTER UPDATE ON locations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_locations();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_tnaa() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT practice_id, 'capacity', date_trunc('month', day::timestamp)::date FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_tnaa_insert AFTER INSERT ON analytics_tnaa_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_tnaa();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_tnaa_update AFTER UPDATE ON analytics_tnaa_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_tnaa();
--> statement-breakpoint

-- Ledger entries count on their effective date and again on the day their balance turns 90 days old
-- (date of service + 91, not before the entry), with the date of service of the entry they reverse.
CREATE FUNCTION analytics_dirty_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT e.practice_id, 'finance', date_trunc('month', d::timestamp)::date
  FROM new_rows e
  JOIN ledger_entries o ON o.id = coalesce(e.reverses_id, e.id)
  LEFT JOIN claims c ON c.id = o.claim_id
  LEFT JOIN superbills s ON s.id = coalesce(o.superbill_id, c.superbill_id)
  CROSS JOIN LATERAL (VALUES (e.effective_date), (greatest(e.effective_date, coalesce(s.date_of_service, c.date_of_service, o.effective_date) + 91))) v(d);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_ledger AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_ledger();
--> statement-breakpoint

-- A claim counts in the month of its first submission, with its first answer after it.
CREATE FUNCTION analytics_dirty_claim_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT f.practice_id, 'finance', analytics_months_of(f.changed_at)
  FROM (SELECT DISTINCT claim_id FROM new_rows) n
  CROSS JOIN LATERAL (SELECT h.practice_id, h.changed_at FROM claim_status_history h WHERE h.claim_id = n.claim_id AND h.to_status = 'SUBMITTED' ORDER BY h.seq LIMIT 1) f;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_claim_history AFTER INSERT ON claim_status_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_claim_history();
--> statement-breakpoint
-- A claim or superbill that changes its payer, place, provider or date after billing moves its facts: every month.
CREATE FUNCTION analytics_dirty_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT n.practice_id, 'finance', null::date FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.payer_id, o.location_id, o.superbill_id, o.patient_id, o.date_of_service) IS DISTINCT FROM (n.payer_id, n.location_id, n.superbill_id, n.patient_id, n.date_of_service);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_claims AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_claims();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_superbills() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT n.practice_id, 'finance', null::date FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.rendering_provider_id, o.location_id, o.payer_id, o.date_of_service) IS DISTINCT FROM (n.rendering_provider_id, n.location_id, n.payer_id, n.date_of_service)
    AND (EXISTS (SELECT 1 FROM ledger_entries e WHERE e.superbill_id = n.id) OR EXISTS (SELECT 1 FROM claims c WHERE c.superbill_id = n.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_superbills AFTER UPDATE ON superbills REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_superbills();
--> statement-breakpoint

-- Adjudications count on their remittance's payment date (else the local date it was posted).
CREATE FUNCTION analytics_remittance_months(p_remittance uuid) RETURNS SETOF date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', r.payment_date::timestamp)::date FROM remittances r WHERE r.id = p_remittance AND r.payment_date IS NOT NULL
  UNION
  SELECT analytics_months_of(r.posted_at) FROM remittances r WHERE r.id = p_remittance AND r.payment_date IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_remittance_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT x.practice_id, 'finance', m FROM (SELECT DISTINCT practice_id, remittance_id FROM new_rows) x, analytics_remittance_months(x.remittance_id) m;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_remittance_claims_insert AFTER INSERT ON remittance_claims REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_remittance_claims();
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_remittance_claims_update AFTER UPDATE ON remittance_claims REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_remittance_claims();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_remittance_adjustments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT rc.practice_id, 'finance', m
  FROM (SELECT DISTINCT remittance_claim_id FROM new_rows) x JOIN remittance_claims rc ON rc.id = x.remittance_claim_id, analytics_remittance_months(rc.remittance_id) m;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_remittance_adjustments AFTER INSERT ON remittance_adjustments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_remittance_adjustments();
--> statement-breakpoint
CREATE FUNCTION analytics_dirty_remittances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT x.practice_id, 'finance', m FROM (SELECT practice_id, id FROM old_rows UNION SELECT practice_id, id FROM new_rows) x, analytics_remittance_months(x.id) m;
  INSERT INTO analytics_dirty_months (practice_id, rollup, month)
  SELECT DISTINCT o.practice_id, 'finance', date_trunc('month', o.payment_date::timestamp)::date FROM old_rows o WHERE o.payment_date IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_dirty_remittances AFTER UPDATE ON remittances REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_dirty_remittances();
--> statement-breakpoint

-- Rollups built before age bands have none: rebuild every practice's rollups in full on the next refresh.
INSERT INTO analytics_dirty_months (practice_id, rollup, month)
SELECT practice_id, r.rollup, null::date FROM analytics_refreshes CROSS JOIN (VALUES ('visits'), ('finance'), ('capacity')) r(rollup);
