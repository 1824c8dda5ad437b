CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text NOT NULL,
	"roles" text[] NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"patient_id" uuid,
	"operation_name" text,
	"request_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"address" jsonb NOT NULL,
	"phone" text,
	"time_zone" text NOT NULL,
	"place_of_service_code" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"mrn" text NOT NULL,
	"given_name" text NOT NULL,
	"middle_name" text,
	"family_name" text NOT NULL,
	"preferred_name" text,
	"date_of_birth" date NOT NULL,
	"sex_at_birth" text NOT NULL,
	"gender_identity" text,
	"phones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"email" text,
	"address" jsonb,
	"preferred_language" text,
	"emergency_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consents" jsonb NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"notes" text,
	"search_name" text GENERATED ALWAYS AS (lower(given_name || ' ' || family_name)) STORED NOT NULL,
	"phone_digits" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tax_id" text,
	"next_mrn" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_locations" (
	"practice_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	CONSTRAINT "provider_locations_provider_id_location_id_pk" PRIMARY KEY("provider_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"credentials" text,
	"npi" text NOT NULL,
	"taxonomy_code" text NOT NULL,
	"specialty" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_locations" ADD CONSTRAINT "provider_locations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_locations" ADD CONSTRAINT "provider_locations_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_locations" ADD CONSTRAINT "provider_locations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_practice_id_at_index" ON "audit_events" USING btree ("practice_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_practice_id_patient_id_at_index" ON "audit_events" USING btree ("practice_id","patient_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_practice_id_user_id_at_index" ON "audit_events" USING btree ("practice_id","user_id","at");--> statement-breakpoint
CREATE INDEX "locations_practice_id_name_index" ON "locations" USING btree ("practice_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_practice_id_mrn_index" ON "patients" USING btree ("practice_id","mrn");--> statement-breakpoint
CREATE INDEX "patients_practice_id_date_of_birth_index" ON "patients" USING btree ("practice_id","date_of_birth");--> statement-breakpoint
CREATE INDEX "patients_practice_id_family_name_given_name_id_index" ON "patients" USING btree ("practice_id","family_name","given_name","id");--> statement-breakpoint
CREATE INDEX "patients_search_name_trgm" ON "patients" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "patients_phone_digits_trgm" ON "patients" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "provider_locations_location_id_index" ON "provider_locations" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_practice_id_npi_index" ON "providers" USING btree ("practice_id","npi");--> statement-breakpoint
CREATE INDEX "providers_practice_id_family_name_index" ON "providers" USING btree ("practice_id","family_name");