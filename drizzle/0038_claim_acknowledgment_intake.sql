ALTER TABLE "claim_acknowledgments" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "claim_acknowledgments" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_acknowledgments_key" ON "claim_acknowledgments" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "claim_batches_group_control" ON "claim_batches" USING btree ("practice_id","group_control_number");--> statement-breakpoint
CREATE INDEX "claim_batches_reference" ON "claim_batches" USING btree ("practice_id","reference_id");