CREATE SEQUENCE "public"."claim_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1;--> statement-breakpoint
CREATE TABLE "claim_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"revision" integer NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"reference" text,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"number" bigint NOT NULL,
	"patient_account_number" text NOT NULL,
	"superbill_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"coverage_id" uuid NOT NULL,
	"rendering_provider_id" uuid,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"frequency_code" text DEFAULT '1' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"original_claim_id" uuid,
	"payer_claim_number" text,
	"date_of_service" date NOT NULL,
	"total_charge_cents" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"last_scrub" jsonb,
	"assignee_id" text,
	"next_follow_up_on" date,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"created_by" text NOT NULL,
	CONSTRAINT "claims_status" CHECK ("claims"."status" in ('DRAFT', 'READY', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'CLOSED', 'VOIDED')),
	CONSTRAINT "claims_frequency" CHECK ("claims"."frequency_code" in ('1', '7', '8') and ("claims"."frequency_code" = '1') = ("claims"."original_claim_id" is null)),
	CONSTRAINT "claims_revision" CHECK ("claims"."revision" >= 1),
	CONSTRAINT "claims_money" CHECK ("claims"."total_charge_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "timely_filing_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "appeal_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "prior_authorization_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_notes" ADD CONSTRAINT "claim_notes_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_status_history" ADD CONSTRAINT "claim_status_history_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_superbill_id_superbills_id_fk" FOREIGN KEY ("superbill_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_rendering_provider_id_providers_id_fk" FOREIGN KEY ("rendering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_original_claim_id_claims_id_fk" FOREIGN KEY ("original_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_notes_claim_id_created_at_index" ON "claim_notes" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "claim_status_history_claim_id_changed_at_index" ON "claim_status_history" USING btree ("claim_id","changed_at");--> statement-breakpoint
CREATE INDEX "claims_page" ON "claims" USING btree ("practice_id","date_of_service","number","id");--> statement-breakpoint
CREATE INDEX "claims_practice_id_status_status_changed_at_index" ON "claims" USING btree ("practice_id","status","status_changed_at");--> statement-breakpoint
CREATE INDEX "claims_practice_id_patient_id_date_of_service_index" ON "claims" USING btree ("practice_id","patient_id","date_of_service");--> statement-breakpoint
CREATE INDEX "claims_superbill_id_index" ON "claims" USING btree ("superbill_id");--> statement-breakpoint
CREATE INDEX "claims_original_claim_id_index" ON "claims" USING btree ("original_claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_practice_id_patient_account_number_index" ON "claims" USING btree ("practice_id","patient_account_number");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_index" ON "claims" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_original_per_superbill" ON "claims" USING btree ("superbill_id") WHERE "claims"."frequency_code" = '1' and "claims"."status" <> 'VOIDED';--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_claim_days" CHECK ("payers"."timely_filing_days" between 1 and 3650 and "payers"."appeal_days" between 1 and 3650);