CREATE TABLE "external_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"npi" text NOT NULL,
	"taxonomy_code" text,
	"specialty" text,
	"organization" text,
	"address" jsonb,
	"phone" text,
	"fax" text,
	"accepted_payer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "external_providers_npi" CHECK ("external_providers"."npi" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "referral_history" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"by_user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"direction" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid,
	"external_provider_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"diagnosis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgency" text DEFAULT 'ROUTINE' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"authorization_number" text,
	"authorized_visits" integer,
	"visits_used" integer DEFAULT 0 NOT NULL,
	"authorization_from" date,
	"authorization_to" date,
	"status" text NOT NULL,
	"sent_on" date,
	"scheduled_for" timestamp with time zone,
	"seen_on" date,
	"report_received_on" date,
	"reviewed_by" text,
	"decline_reason" text,
	"waitlist_entry_id" uuid,
	"appointment_id" uuid,
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "referrals_direction" CHECK ("referrals"."direction" in ('OUTGOING', 'INCOMING')),
	CONSTRAINT "referrals_status" CHECK ("referrals"."status" in ('DRAFT', 'RECEIVED', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED', 'DECLINED', 'CANCELLED')),
	CONSTRAINT "referrals_urgency" CHECK ("referrals"."urgency" in ('ROUTINE', 'URGENT', 'STAT')),
	CONSTRAINT "referrals_visits" CHECK ("referrals"."visits_used" >= 0 and ("referrals"."authorized_visits" is null or "referrals"."authorized_visits" > 0)),
	CONSTRAINT "referrals_auth_dates" CHECK ("referrals"."authorization_from" is null or "referrals"."authorization_to" is null or "referrals"."authorization_from" <= "referrals"."authorization_to")
);
--> statement-breakpoint
ALTER TABLE "external_providers" ADD CONSTRAINT "external_providers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_history" ADD CONSTRAINT "referral_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_history" ADD CONSTRAINT "referral_history_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_external_provider_id_external_providers_id_fk" FOREIGN KEY ("external_provider_id") REFERENCES "public"."external_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_waitlist_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("waitlist_entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_providers_practice_id_npi_index" ON "external_providers" USING btree ("practice_id","npi");--> statement-breakpoint
CREATE INDEX "referral_history_practice_id_referral_id_seq_index" ON "referral_history" USING btree ("practice_id","referral_id","seq");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_status_sent_on_index" ON "referrals" USING btree ("practice_id","status","sent_on");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_status_seen_on_index" ON "referrals" USING btree ("practice_id","status","seen_on");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_patient_id_index" ON "referrals" USING btree ("practice_id","patient_id");