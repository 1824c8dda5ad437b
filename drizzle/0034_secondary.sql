CREATE TABLE "appeal_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "appeal_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "appeals_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"claim_id" uuid NOT NULL,
	"claim_line_position" integer,
	"patient_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"remittance_claim_id" uuid NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"reason" text NOT NULL,
	"letter" text NOT NULL,
	"denied_cents" integer NOT NULL,
	"reason_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"remittance_date" date NOT NULL,
	"deadline" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"outcome_remittance_id" uuid,
	"created_by" text NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "appeals_status" CHECK ("appeals"."status" in ('DRAFT', 'SUBMITTED', 'WON', 'LOST', 'WITHDRAWN')),
	CONSTRAINT "appeals_money" CHECK ("appeals"."denied_cents" >= 0),
	CONSTRAINT "appeals_line" CHECK ("appeals"."claim_line_position" is null or "appeals"."claim_line_position" between 1 and 50),
	CONSTRAINT "appeals_outcome" CHECK ("appeals"."outcome_remittance_id" is null or "appeals"."status" = 'WON')
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_kind";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_sign";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_transfer";--> statement-breakpoint
DROP INDEX "claims_one_original_per_superbill";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "payer_responsibility" text DEFAULT 'P' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "prior_payer_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "appeal_history" ADD CONSTRAINT "appeal_history_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_remittance_claim_id_remittance_claims_id_fk" FOREIGN KEY ("remittance_claim_id") REFERENCES "public"."remittance_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_outcome_remittance_id_remittances_id_fk" FOREIGN KEY ("outcome_remittance_id") REFERENCES "public"."remittances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_history_appeal_id_seq_index" ON "appeal_history" USING btree ("appeal_id","seq");--> statement-breakpoint
CREATE INDEX "appeals_page" ON "appeals" USING btree ("practice_id","deadline","number");--> statement-breakpoint
CREATE INDEX "appeals_practice_id_claim_id_index" ON "appeals" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_open_per_line" ON "appeals" USING btree ("claim_id",coalesce("claim_line_position", 0)) WHERE "appeals"."status" in ('DRAFT', 'SUBMITTED');--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_idempotency" ON "appeals" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
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