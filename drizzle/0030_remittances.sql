CREATE TABLE "carc_codes" (
	"code" text NOT NULL,
	"description" text NOT NULL,
	"inactive" boolean DEFAULT false NOT NULL,
	"start_date" date,
	"stop_date" date,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carc_codes_code_pk" PRIMARY KEY("code")
);
--> statement-breakpoint
CREATE TABLE "remittance_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"remittance_claim_id" uuid NOT NULL,
	"remittance_line_id" uuid,
	"group_code" text NOT NULL,
	"reason_code" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"quantity" integer
);
--> statement-breakpoint
CREATE TABLE "remittance_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"remittance_id" uuid NOT NULL,
	"claim_index" integer NOT NULL,
	"claim_id" uuid,
	"patient_id" uuid,
	"payer_id" uuid,
	"candidate_claim_id" uuid,
	"outcome" text NOT NULL,
	"unmatched_reason" text,
	"reversed_by_id" uuid,
	"patient_account_number" text NOT NULL,
	"payer_claim_number" text,
	"status_code" text NOT NULL,
	"charge_cents" integer NOT NULL,
	"paid_cents" integer NOT NULL,
	"patient_responsibility_cents" integer,
	"claim_filing_indicator" text,
	"frequency_code" text,
	"remark_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "remittance_claims_outcome" CHECK ("remittance_claims"."outcome" in ('POSTED', 'REVERSAL', 'UNMATCHED') and ("remittance_claims"."outcome" = 'UNMATCHED') = ("remittance_claims"."claim_id" is null) and ("remittance_claims"."outcome" = 'UNMATCHED') = ("remittance_claims"."unmatched_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "remittance_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"remittance_claim_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"claim_line_position" integer,
	"procedure_qualifier" text NOT NULL,
	"procedure_code" text NOT NULL,
	"modifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"charge_cents" integer NOT NULL,
	"paid_cents" integer NOT NULL,
	"allowed_cents" integer,
	"units" integer NOT NULL,
	"service_date" date,
	"line_item_control_number" text,
	"remark_codes" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remittance_provider_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"remittance_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"provider_id" text NOT NULL,
	"fiscal_period_date" date,
	"reason_code" text NOT NULL,
	"reference" text,
	"amount_cents" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remittances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"file_sha256" text NOT NULL,
	"trace_number" text,
	"trace_payer_id" text,
	"interchange_control_number" text,
	"group_control_number" text,
	"transaction_control_number" text,
	"payer_name" text,
	"payer_identifier" text,
	"payee_npi" text,
	"total_cents" integer,
	"handling_code" text,
	"payment_method" text,
	"payment_date" date,
	"production_date" date,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"raw_x_12" text NOT NULL,
	"posted_by" text NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remittances_status" CHECK ("remittances"."status" in ('POSTED', 'REFUSED'))
);
--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_remittance_claim_id_remittance_claims_id_fk" FOREIGN KEY ("remittance_claim_id") REFERENCES "public"."remittance_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_adjustments" ADD CONSTRAINT "remittance_adjustments_remittance_line_id_remittance_lines_id_fk" FOREIGN KEY ("remittance_line_id") REFERENCES "public"."remittance_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_remittance_id_remittances_id_fk" FOREIGN KEY ("remittance_id") REFERENCES "public"."remittances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_claims" ADD CONSTRAINT "remittance_claims_candidate_claim_id_claims_id_fk" FOREIGN KEY ("candidate_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_lines" ADD CONSTRAINT "remittance_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_lines" ADD CONSTRAINT "remittance_lines_remittance_claim_id_remittance_claims_id_fk" FOREIGN KEY ("remittance_claim_id") REFERENCES "public"."remittance_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_provider_adjustments" ADD CONSTRAINT "remittance_provider_adjustments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittance_provider_adjustments" ADD CONSTRAINT "remittance_provider_adjustments_remittance_id_remittances_id_fk" FOREIGN KEY ("remittance_id") REFERENCES "public"."remittances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remittances" ADD CONSTRAINT "remittances_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remittance_adjustments_remittance_claim_id_index" ON "remittance_adjustments" USING btree ("remittance_claim_id");--> statement-breakpoint
CREATE INDEX "remittance_adjustments_remittance_line_id_index" ON "remittance_adjustments" USING btree ("remittance_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_claims_remittance_id_claim_index_index" ON "remittance_claims" USING btree ("remittance_id","claim_index");--> statement-breakpoint
CREATE INDEX "remittance_claims_claim" ON "remittance_claims" USING btree ("practice_id","claim_id");--> statement-breakpoint
CREATE INDEX "remittance_claims_unmatched" ON "remittance_claims" USING btree ("practice_id","created_at","id") WHERE "remittance_claims"."outcome" = 'UNMATCHED';--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_lines_remittance_claim_id_line_number_index" ON "remittance_lines" USING btree ("remittance_claim_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "remittance_provider_adjustments_remittance_id_position_index" ON "remittance_provider_adjustments" USING btree ("remittance_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "remittances_key" ON "remittances" USING btree ("practice_id","idempotency_key") WHERE "remittances"."status" = 'POSTED';--> statement-breakpoint
CREATE UNIQUE INDEX "remittances_file" ON "remittances" USING btree ("practice_id","file_sha256") WHERE "remittances"."status" = 'POSTED';--> statement-breakpoint
CREATE UNIQUE INDEX "remittances_trace" ON "remittances" USING btree ("practice_id","trace_payer_id","trace_number") WHERE "remittances"."status" = 'POSTED';--> statement-breakpoint
CREATE INDEX "remittances_page" ON "remittances" USING btree ("practice_id","posted_at","id");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_remittance_id_remittances_id_fk" FOREIGN KEY ("remittance_id") REFERENCES "public"."remittances"("id") ON DELETE no action ON UPDATE no action;