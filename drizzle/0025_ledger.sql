CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"claim_id" uuid,
	"claim_line_position" integer,
	"superbill_id" uuid,
	"superbill_line_position" integer,
	"remittance_id" uuid,
	"payer_id" uuid,
	"bucket" text NOT NULL,
	"counter_bucket" text,
	"amount_cents" integer NOT NULL,
	"insurance_cents" integer GENERATED ALWAYS AS ((case when bucket = 'INSURANCE' then amount_cents else 0 end) - (case when counter_bucket = 'INSURANCE' then amount_cents else 0 end)) STORED NOT NULL,
	"patient_cents" integer GENERATED ALWAYS AS ((case when bucket = 'PATIENT' then amount_cents else 0 end) - (case when counter_bucket = 'PATIENT' then amount_cents else 0 end)) STORED NOT NULL,
	"group_code" text,
	"reason_code" text,
	"remark_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason" text,
	"reverses_id" uuid,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_date" date NOT NULL,
	"created_by" text NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "ledger_entries_kind" CHECK ("ledger_entries"."kind" in ('CHARGE', 'INSURANCE_PAYMENT', 'CONTRACTUAL_ADJUSTMENT', 'PATIENT_RESPONSIBILITY', 'OTHER_ADJUSTMENT', 'PATIENT_PAYMENT', 'REFUND', 'WRITE_OFF', 'REVERSAL')),
	CONSTRAINT "ledger_entries_bucket" CHECK ("ledger_entries"."bucket" in ('INSURANCE', 'PATIENT') and ("ledger_entries"."counter_bucket" is null or ("ledger_entries"."counter_bucket" in ('INSURANCE', 'PATIENT') and "ledger_entries"."counter_bucket" <> "ledger_entries"."bucket"))),
	CONSTRAINT "ledger_entries_amount" CHECK ("ledger_entries"."amount_cents" <> 0 and "ledger_entries"."amount_cents" between -100000000 and 100000000),
	CONSTRAINT "ledger_entries_sign" CHECK (coalesce(case "ledger_entries"."kind"
        when 'CHARGE' then "ledger_entries"."amount_cents" > 0
        when 'INSURANCE_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'INSURANCE'
        when 'CONTRACTUAL_ADJUSTMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'INSURANCE'
        when 'PATIENT_RESPONSIBILITY' then "ledger_entries"."amount_cents" > 0 and "ledger_entries"."bucket" = 'PATIENT' and "ledger_entries"."counter_bucket" = 'INSURANCE'
        when 'PATIENT_PAYMENT' then "ledger_entries"."amount_cents" < 0 and "ledger_entries"."bucket" = 'PATIENT'
        when 'REFUND' then "ledger_entries"."amount_cents" > 0
        when 'WRITE_OFF' then "ledger_entries"."amount_cents" < 0
        else true end, false)),
	CONSTRAINT "ledger_entries_transfer" CHECK ("ledger_entries"."counter_bucket" is null or "ledger_entries"."kind" in ('PATIENT_RESPONSIBILITY', 'REVERSAL')),
	CONSTRAINT "ledger_entries_adjustment_codes" CHECK (coalesce(case "ledger_entries"."kind"
        when 'CONTRACTUAL_ADJUSTMENT' then "ledger_entries"."group_code" = 'CO' and "ledger_entries"."reason_code" is not null
        when 'PATIENT_RESPONSIBILITY' then "ledger_entries"."group_code" = 'PR' and "ledger_entries"."reason_code" is not null
        when 'OTHER_ADJUSTMENT' then "ledger_entries"."group_code" in ('OA', 'PI') and "ledger_entries"."reason_code" is not null
        when 'REVERSAL' then true
        else "ledger_entries"."group_code" is null end
        and ("ledger_entries"."reason_code" is null or "ledger_entries"."reason_code" ~ '^[A-Z0-9]{1,3}$'), false)),
	CONSTRAINT "ledger_entries_reason" CHECK ("ledger_entries"."kind" not in ('WRITE_OFF', 'REVERSAL') or coalesce(length(btrim("ledger_entries"."reason")) > 0, false)),
	CONSTRAINT "ledger_entries_reversal" CHECK (("ledger_entries"."kind" = 'REVERSAL') = ("ledger_entries"."reverses_id" is not null)),
	CONSTRAINT "ledger_entries_lines" CHECK (("ledger_entries"."claim_line_position" is null or ("ledger_entries"."claim_id" is not null and "ledger_entries"."claim_line_position" between 1 and 50)) and ("ledger_entries"."superbill_line_position" is null or ("ledger_entries"."superbill_id" is not null and "ledger_entries"."superbill_line_position" between 1 and 50))),
	CONSTRAINT "ledger_entries_version" CHECK ("ledger_entries"."version" = 1)
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_superbill_id_superbills_id_fk" FOREIGN KEY ("superbill_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_reverses_id_ledger_entries_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_page" ON "ledger_entries" USING btree ("practice_id","effective_date","number");--> statement-breakpoint
CREATE INDEX "ledger_entries_patient" ON "ledger_entries" USING btree ("practice_id","patient_id","effective_date","number");--> statement-breakpoint
CREATE INDEX "ledger_entries_claim" ON "ledger_entries" USING btree ("practice_id","claim_id","claim_line_position");--> statement-breakpoint
CREATE INDEX "ledger_entries_superbill_id_index" ON "ledger_entries" USING btree ("superbill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_idempotency" ON "ledger_entries" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_reversed_once" ON "ledger_entries" USING btree ("reverses_id");