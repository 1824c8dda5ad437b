CREATE TABLE "superbill_diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"superbill_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"description" text,
	CONSTRAINT "superbill_diagnoses_position" CHECK ("superbill_diagnoses"."position" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "superbill_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"superbill_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"description" text,
	"modifiers" text[] NOT NULL,
	"units" integer NOT NULL,
	"unit_fee_cents" integer NOT NULL,
	"charge_cents" integer NOT NULL,
	"schedule_fee_cents" integer,
	"charge_override_reason" text,
	"diagnosis_pointers" integer[] NOT NULL,
	"note" text,
	CONSTRAINT "superbill_lines_position" CHECK ("superbill_lines"."position" between 1 and 50),
	CONSTRAINT "superbill_lines_units" CHECK ("superbill_lines"."units" >= 1),
	CONSTRAINT "superbill_lines_money" CHECK ("superbill_lines"."unit_fee_cents" >= 0 and "superbill_lines"."charge_cents" = "superbill_lines"."unit_fee_cents" * "superbill_lines"."units"),
	CONSTRAINT "superbill_lines_modifiers" CHECK (cardinality("superbill_lines"."modifiers") <= 4),
	CONSTRAINT "superbill_lines_pointers" CHECK (cardinality("superbill_lines"."diagnosis_pointers") between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "superbills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "superbills_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"appointment_id" uuid,
	"patient_id" uuid NOT NULL,
	"rendering_provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"payer_id" uuid,
	"billing_provider" jsonb NOT NULL,
	"referring_provider_name" text,
	"referring_provider_npi" text,
	"date_of_service" date NOT NULL,
	"place_of_service_code" text NOT NULL,
	"telehealth" boolean DEFAULT false NOT NULL,
	"prior_authorization_number" text,
	"copay_collected_cents" integer DEFAULT 0 NOT NULL,
	"total_charge_cents" integer DEFAULT 0 NOT NULL,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"superseded_at" timestamp with time zone,
	"finalized_at" timestamp with time zone,
	"finalized_by" text,
	"void_reason" text,
	"voided_at" timestamp with time zone,
	"voided_by" text,
	"created_by" text NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"finalize_idempotency_key" text,
	CONSTRAINT "superbills_status" CHECK ("superbills"."status" in ('DRAFT', 'FINALIZED', 'VOIDED', 'SUPERSEDED')),
	CONSTRAINT "superbills_money" CHECK ("superbills"."copay_collected_cents" >= 0 and "superbills"."total_charge_cents" >= 0),
	CONSTRAINT "superbills_void_reason" CHECK (("superbills"."status" = 'VOIDED') = ("superbills"."void_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "payers" ADD COLUMN "telehealth_modifier95" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "superbill_diagnoses" ADD CONSTRAINT "superbill_diagnoses_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbill_diagnoses" ADD CONSTRAINT "superbill_diagnoses_superbill_id_superbills_id_fk" FOREIGN KEY ("superbill_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbill_lines" ADD CONSTRAINT "superbill_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbill_lines" ADD CONSTRAINT "superbill_lines_superbill_id_superbills_id_fk" FOREIGN KEY ("superbill_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_rendering_provider_id_providers_id_fk" FOREIGN KEY ("rendering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_supersedes_id_superbills_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "superbills" ADD CONSTRAINT "superbills_superseded_by_id_superbills_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."superbills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "superbill_diagnoses_superbill_id_position_index" ON "superbill_diagnoses" USING btree ("superbill_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "superbill_lines_superbill_id_position_index" ON "superbill_lines" USING btree ("superbill_id","position");--> statement-breakpoint
CREATE INDEX "superbills_page" ON "superbills" USING btree ("practice_id","date_of_service","number","id");--> statement-breakpoint
CREATE INDEX "superbills_practice_id_patient_id_date_of_service_index" ON "superbills" USING btree ("practice_id","patient_id","date_of_service");--> statement-breakpoint
CREATE INDEX "superbills_practice_id_rendering_provider_id_date_of_service_index" ON "superbills" USING btree ("practice_id","rendering_provider_id","date_of_service");--> statement-breakpoint
CREATE INDEX "superbills_appointment_id_index" ON "superbills" USING btree ("appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "superbills_practice_id_idempotency_key_index" ON "superbills" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "superbills_practice_id_finalize_idempotency_key_index" ON "superbills" USING btree ("practice_id","finalize_idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "superbills_one_draft_per_appointment" ON "superbills" USING btree ("appointment_id") WHERE "superbills"."status" = 'DRAFT';--> statement-breakpoint
CREATE UNIQUE INDEX "superbills_one_correction" ON "superbills" USING btree ("supersedes_id") WHERE "superbills"."status" <> 'VOIDED';