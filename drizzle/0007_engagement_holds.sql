-- A waitlist hold is an appointment with status HELD: it is "active", so the no-overlap exclusion
-- constraints make it block other bookings. Every hold must say when it stops holding.
ALTER TABLE appointments ADD CONSTRAINT appointments_hold_expiry
  CHECK (status <> 'HELD' OR hold_expires_at IS NOT NULL);
--> statement-breakpoint
-- Finding expired holds (releaseExpiredHolds) without scanning the practice's appointments.
CREATE INDEX appointments_held_expiry ON appointments (practice_id, hold_expires_at) WHERE status = 'HELD';
