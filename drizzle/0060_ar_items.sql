CREATE TABLE "ar_items" (
	"practice_id" uuid NOT NULL,
	"superbill_id" uuid,
	"patient_id" uuid NOT NULL,
	"claim_id" uuid,
	"insurance_cents" bigint NOT NULL,
	"patient_cents" bigint NOT NULL,
	"entry_payer_id" uuid,
	"first_effective_date" date NOT NULL,
	"last_effective_date" date NOT NULL,
	"date_of_service" date,
	"payer_id" uuid,
	"rendering_provider_id" uuid,
	"location_id" uuid,
	"first_submitted_at" timestamp with time zone,
	CONSTRAINT "ar_items_item" UNIQUE NULLS NOT DISTINCT("practice_id","superbill_id","patient_id","claim_id")
);
--> statement-breakpoint
ALTER TABLE "patient_statements" ADD COLUMN "payment_plan" jsonb;--> statement-breakpoint
ALTER TABLE "ar_items" ADD CONSTRAINT "ar_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ar_items_late" ON "ar_items" USING btree ("practice_id","last_effective_date");--> statement-breakpoint
CREATE INDEX "ar_items_claim" ON "ar_items" USING btree ("claim_id");