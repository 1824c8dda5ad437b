ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_kind";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_sign";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_transfer";--> statement-breakpoint
DROP INDEX "claims_one_original_per_superbill";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "payer_responsibility" text DEFAULT 'P' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "prior_payer_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_prior_payer_claim_id_claims_id_fk" FOREIGN KEY ("prior_payer_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_prior_payer_claim_id_index" ON "claims" USING btree ("prior_payer_claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_original_per_superbill" ON "claims" USING btree ("superbill_id","payer_responsibility") WHERE "claims"."frequency_code" = '1' and "claims"."status" <> 'VOIDED';--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_payer_responsibility" CHECK ("claims"."payer_responsibility" in ('P', 'S', 'T') and ("claims"."payer_responsibility" = 'P') = ("claims"."prior_payer_claim_id" is null));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_kind" CHECK ("ledger_entries"."kind" in ('CHARGE', 'INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'COORDINATION_TRANSFER', 'OTHER_ADJUSTMENT', 'PATIENT_PAYMENT', 'REFUND', 'WRITE_OFF', 'REVERSAL'));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_sign" CHECK (coalesce(case "ledger_entries"."kind"
        when 'CHARGE' then "ledger_entries"."amount_cents" > 0
        when 'INSURANCE_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'INSURANCE'
        when 'CONTRACTUAL_ADJUSTMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'INSURANCE'
        when 'PATIENT_RESPONSIBILITY' then "ledger_entries"."amount_cents" > 0 and "ledger_entries"."bucket" = 'PATIENT' and "ledger_entries"."counter_bucket" = 'INSURANCE'
        when 'COORDINATION_TRANSFER' then "ledger_entries"."amount_cents" > 0 and "ledger_entries"."bucket" = 'INSURANCE' and "ledger_entries"."counter_bucket" = 'PATIENT' and "ledger_entries"."claim_id" is not null
        when 'PATIENT_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'PATIENT'
        when 'REFUND' then "ledger_entries"."amount_cents" > 0
        when 'WRITE_OFF' then "ledger_entries"."amount_cents" < 0
        else true end, false));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transfer" CHECK ("ledger_entries"."counter_bucket" is null or "ledger_entries"."kind" in ('PATIENT_RESPONSIBILITY', 'COORDINATION_TRANSFER', 'REVERSAL'));