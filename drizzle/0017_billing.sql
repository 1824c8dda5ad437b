CREATE TABLE "billing_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"legal_name" text NOT NULL,
	"tin" text NOT NULL,
	"group_npi" text NOT NULL,
	"taxonomy_code" text NOT NULL,
	"billing_address" jsonb NOT NULL,
	"pay_to_address" jsonb,
	"phone" text,
	CONSTRAINT "billing_profiles_tin" CHECK ("billing_profiles"."tin" ~ '^[0-9]{9}$'),
	CONSTRAINT "billing_profiles_npi" CHECK ("billing_profiles"."group_npi" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "code_set_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system" text NOT NULL,
	"label" text NOT NULL,
	"effective_from" date NOT NULL,
	"practice_id" uuid,
	"code_count" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "code_set_versions_system" CHECK ("code_set_versions"."system" in ('ICD10CM', 'HCPCS', 'POS', 'CPT')),
	CONSTRAINT "code_set_versions_cpt_only_per_practice" CHECK (("code_set_versions"."practice_id" is null) = ("code_set_versions"."system" <> 'CPT'))
);
--> statement-breakpoint
CREATE TABLE "codes" (
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"billable" boolean DEFAULT true NOT NULL,
	"short_description" text,
	"description" text NOT NULL,
	CONSTRAINT "codes_version_id_kind_code_pk" PRIMARY KEY("version_id","kind","code"),
	CONSTRAINT "codes_kind" CHECK ("codes"."kind" in ('DIAGNOSIS', 'PROCEDURE', 'MODIFIER', 'POS'))
);
--> statement-breakpoint
CREATE TABLE "fee_schedule_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"schedule_id" uuid NOT NULL,
	"code" text NOT NULL,
	"modifiers" text DEFAULT '' NOT NULL,
	"amount_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"label" text,
	CONSTRAINT "fee_schedule_entries_amount" CHECK ("fee_schedule_entries"."amount_cents" >= 0),
	CONSTRAINT "fee_schedule_entries_dates" CHECK ("fee_schedule_entries"."effective_to" is null or "fee_schedule_entries"."effective_to" >= "fee_schedule_entries"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"payer_id" uuid,
	CONSTRAINT "fee_schedules_kind" CHECK (("fee_schedules"."kind" = 'CHARGE_MASTER') = ("fee_schedules"."payer_id" is null) and "fee_schedules"."kind" in ('CHARGE_MASTER', 'PAYER_CONTRACT'))
);
--> statement-breakpoint
CREATE TABLE "service_facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"location_id" uuid NOT NULL,
	"facility_name" text,
	"npi" text,
	CONSTRAINT "service_facilities_npi" CHECK ("service_facilities"."npi" is null or "service_facilities"."npi" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "bills_under_group" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_set_versions" ADD CONSTRAINT "code_set_versions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codes" ADD CONSTRAINT "codes_version_id_code_set_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."code_set_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedule_entries" ADD CONSTRAINT "fee_schedule_entries_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedule_entries" ADD CONSTRAINT "fee_schedule_entries_schedule_id_fee_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."fee_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_payer_id_payers_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."payers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_facilities" ADD CONSTRAINT "service_facilities_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_facilities" ADD CONSTRAINT "service_facilities_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_profiles_practice_id_index" ON "billing_profiles" USING btree ("practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "code_set_versions_label" ON "code_set_versions" USING btree ("system","label",coalesce("practice_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "code_set_versions_effective" ON "code_set_versions" USING btree ("system","effective_from",coalesce("practice_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "codes_code_pattern" ON "codes" USING btree ("kind","code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "fee_schedule_entries_schedule_id_code_modifiers_effective_from_index" ON "fee_schedule_entries" USING btree ("schedule_id","code","modifiers","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedules_one_charge_master" ON "fee_schedules" USING btree ("practice_id") WHERE "fee_schedules"."payer_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_schedules_one_per_payer" ON "fee_schedules" USING btree ("practice_id","payer_id") WHERE "fee_schedules"."payer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "service_facilities_location_id_index" ON "service_facilities" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "service_facilities_practice_id_index" ON "service_facilities" USING btree ("practice_id");