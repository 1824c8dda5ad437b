CREATE TABLE "coverage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"coverage_id" uuid NOT NULL,
	"coverage_version" integer NOT NULL,
	"action" text NOT NULL,
	"changed_by" text NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coverages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"plan_name" text,
	"member_id" text NOT NULL,
	"group_number" text,
	"subscriber_relationship" text NOT NULL,
	"subscriber" jsonb,
	"coverage_order" text NOT NULL,
	"effective_date" date NOT NULL,
	"end_date" date,
	"copay_cents" integer,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	CONSTRAINT "coverages_dates" CHECK ("coverages"."end_date" is null or "coverages"."end_date" >= "coverages"."effective_date"),
	CONSTRAINT "coverages_subscriber" CHECK (("coverages"."subscriber_relationship" = 'SELF') = ("coverages"."subscriber" is null)),
	CONSTRAINT "coverages_copay" CHECK ("coverages"."copay_cents" is null or "coverages"."copay_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "eligibility_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"coverage_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"date_of_service" date NOT NULL,
	"service_type_codes" text[] NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"summary" jsonb,
	"expected_copay_cents" integer,
	"interchange_control_number" integer NOT NULL,
	"trace_number" text NOT NULL,
	"raw270" text NOT NULL,
	"raw271" text,
	"requested_by" text NOT NULL,
	"idempotency_key" text,
	"requested_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "eligibility_checks_outcome" CHECK ("eligibility_checks"."outcome" in ('ELIGIBLE', 'NOT_ELIGIBLE', 'UNKNOWN'))
);
--> statement-breakpoint
CREATE TABLE "payers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"edi_payer_id" text NOT NULL,
	"payer_type" text NOT NULL,
	"eligibility_route" text DEFAULT 'DEFAULT' NOT NULL,
	"claims_route" text DEFAULT 'DEFAULT' NOT NULL,
	"address" jsonb,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coverage_history" ADD CONSTRAINT "coverage_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_history" ADD CONSTRAINT "coverage_history_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_checks" ADD CONSTRAINT "eligibility_checks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_checks" ADD CONSTRAINT "eligibility_checks_coverage_id_coverages_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."coverages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_checks" ADD CONSTRAINT "eligibility_checks_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_checks" ADD CONSTRAINT "eligibility_checks_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coverage_history_coverage_id_coverage_version_index" ON "coverage_history" USING btree ("coverage_id","coverage_version");--> statement-breakpoint
CREATE INDEX "coverages_practice_id_patient_id_index" ON "coverages" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "eligibility_checks_practice_id_coverage_id_date_of_service_requested_at_index" ON "eligibility_checks" USING btree ("practice_id","coverage_id","date_of_service","requested_at");--> statement-breakpoint
CREATE INDEX "eligibility_checks_practice_id_patient_id_requested_at_index" ON "eligibility_checks" USING btree ("practice_id","patient_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_checks_practice_id_idempotency_key_index" ON "eligibility_checks" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payers_practice_id_edi_payer_id_index" ON "payers" USING btree ("practice_id","edi_payer_id");--> statement-breakpoint
CREATE INDEX "payers_practice_id_name_index" ON "payers" USING btree ("practice_id","name");