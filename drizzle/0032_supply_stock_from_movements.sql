-- Stock movements are append-only: a correction is a new ADJUST movement, never an edit or a removal.
CREATE TRIGGER supply_movements_append_only BEFORE UPDATE OR DELETE ON supply_movements
  FOR EACH ROW EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
CREATE TRIGGER supply_movements_no_truncate BEFORE TRUNCATE ON supply_movements
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
--> statement-breakpoint
-- A movement names an item and a location of its own practice, and a room of that location.
CREATE OR REPLACE FUNCTION medoffice_supply_movement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM supply_items WHERE id = NEW.item_id AND practice_id = NEW.practice_id)
    OR NOT EXISTS (SELECT 1 FROM locations WHERE id = NEW.location_id AND practice_id = NEW.practice_id)
    OR (NEW.room_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rooms WHERE id = NEW.room_id AND location_id = NEW.location_id)) THEN
    RAISE EXCEPTION 'supply movement % names an item, location or room outside its practice or location', NEW.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER supply_movements_guard BEFORE INSERT ON supply_movements
  FOR EACH ROW EXECUTE FUNCTION medoffice_supply_movement_guard();
--> statement-breakpoint
-- The balance of a place and lot is the sum of its movements: every movement adds its quantity to the
-- balance row in the same statement. The row lock taken by the update serialises concurrent movements of
-- one lot, and the check supply_stock_not_negative refuses any that would take it below zero. (Not an
-- INSERT … ON CONFLICT: PostgreSQL checks the proposed row, a negative quantity, before the conflict.)
CREATE OR REPLACE FUNCTION medoffice_supply_stock_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  FOR attempt IN 1..2 LOOP
    UPDATE supply_stock
      SET quantity = quantity + NEW.quantity,
          expiry_date = coalesce(expiry_date, NEW.expiry_date),
          updated_at = NEW.created_at
      WHERE item_id = NEW.item_id AND location_id = NEW.location_id AND lot = NEW.lot
        AND (room_id = NEW.room_id OR (room_id IS NULL AND NEW.room_id IS NULL));
    IF FOUND THEN
      RETURN NULL;
    END IF;
    BEGIN
      INSERT INTO supply_stock (practice_id, item_id, location_id, room_id, lot, expiry_date, quantity, updated_at)
      VALUES (NEW.practice_id, NEW.item_id, NEW.location_id, NEW.room_id, NEW.lot, NEW.expiry_date, NEW.quantity, NEW.created_at);
      RETURN NULL;
    EXCEPTION WHEN unique_violation THEN
      -- A concurrent movement created the row first: add to it.
      NULL;
    END;
  END LOOP;
  RAISE EXCEPTION 'supply_stock row for movement % could not be written', NEW.id USING ERRCODE = 'serialization_failure';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER supply_movements_apply AFTER INSERT ON supply_movements
  FOR EACH ROW EXECUTE FUNCTION medoffice_supply_stock_apply();
--> statement-breakpoint
-- Balances change only through movements (the trigger above runs one level deep); never deleted.
CREATE OR REPLACE FUNCTION medoffice_supply_stock_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'supply_stock changes only through supply_movements' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER supply_stock_guard BEFORE INSERT OR UPDATE OR DELETE ON supply_stock
  FOR EACH ROW EXECUTE FUNCTION medoffice_supply_stock_guard();
--> statement-breakpoint
CREATE TRIGGER supply_stock_no_truncate BEFORE TRUNCATE ON supply_stock
  FOR EACH STATEMENT EXECUTE FUNCTION medoffice_refuse_change();
