CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"patient_id" uuid,
	"party_name" text,
	"party_organization" text,
	"party_phone" text,
	"party_fax" text,
	"topic" text NOT NULL,
	"summary" text NOT NULL,
	"outcome" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"logged_by" text NOT NULL,
	CONSTRAINT "contacts_channel" CHECK ("contacts"."channel" in ('PHONE', 'EMAIL', 'FAX', 'PORTAL_MESSAGE', 'LETTER', 'IN_PERSON')),
	CONSTRAINT "contacts_direction" CHECK ("contacts"."direction" in ('INBOUND', 'OUTBOUND'))
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"assignee_user_id" text,
	"queue_role" text,
	"comment" text,
	"by_user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_events_kind" CHECK ("task_events"."kind" in ('CREATED', 'STATUS_CHANGED', 'CLAIMED', 'REASSIGNED', 'UPDATED', 'COMMENTED'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"patient_id" uuid,
	"about_type" text,
	"about_id" uuid,
	"assignee_user_id" text,
	"queue_role" text,
	"priority" text DEFAULT 'NORMAL' NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"source_key" text,
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "tasks_status" CHECK ("tasks"."status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
	CONSTRAINT "tasks_priority" CHECK ("tasks"."priority" in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
	CONSTRAINT "tasks_about" CHECK (("tasks"."about_type" is null) = ("tasks"."about_id" is null) and ("tasks"."about_type" is null or "tasks"."about_type" in ('CONTACT', 'REFERRAL', 'ORDER', 'CLAIM', 'PATIENT'))),
	CONSTRAINT "tasks_queue_role" CHECK ("tasks"."queue_role" is null or "tasks"."queue_role" in ('FRONT_DESK', 'CLINICIAN', 'BILLER', 'PRACTICE_ADMIN')),
	CONSTRAINT "tasks_owner" CHECK ("tasks"."assignee_user_id" is not null or "tasks"."queue_role" is not null)
);
--> statement-breakpoint
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
CREATE TABLE "order_history" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"by_user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"ordering_provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"diagnosis_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"instructions" text,
	"priority" text DEFAULT 'ROUTINE' NOT NULL,
	"due_date" date,
	"performing_organization" text,
	"status" text DEFAULT 'ORDERED' NOT NULL,
	"scheduled_for" timestamp with time zone,
	"appointment_id" uuid,
	"collected_or_performed_at" timestamp with time zone,
	"resulted_at" timestamp with time zone,
	"result_reference" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"cancel_reason" text,
	"ordered_by" text NOT NULL,
	CONSTRAINT "orders_kind" CHECK ("orders"."kind" in ('LAB', 'IMAGING', 'PROCEDURE', 'REFERRAL', 'DME')),
	CONSTRAINT "orders_status" CHECK ("orders"."status" in ('ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED', 'RESULTED', 'REVIEWED', 'CANCELLED')),
	CONSTRAINT "orders_priority" CHECK ("orders"."priority" in ('ROUTINE', 'URGENT', 'STAT'))
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_providers" ADD CONSTRAINT "external_providers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_history" ADD CONSTRAINT "referral_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_history" ADD CONSTRAINT "referral_history_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_external_provider_id_external_providers_id_fk" FOREIGN KEY ("external_provider_id") REFERENCES "public"."external_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_waitlist_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("waitlist_entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_history" ADD CONSTRAINT "order_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_history" ADD CONSTRAINT "order_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_practice_id_occurred_at_id_index" ON "contacts" USING btree ("practice_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "contacts_practice_id_patient_id_occurred_at_index" ON "contacts" USING btree ("practice_id","patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "task_events_practice_id_task_id_seq_index" ON "task_events" USING btree ("practice_id","task_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_source_key" ON "tasks" USING btree ("practice_id","source_key");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_assignee_user_id_status_index" ON "tasks" USING btree ("practice_id","assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_queue_role_status_index" ON "tasks" USING btree ("practice_id","queue_role","status");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_patient_id_index" ON "tasks" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_about_type_about_id_index" ON "tasks" USING btree ("practice_id","about_type","about_id");--> statement-breakpoint
CREATE UNIQUE INDEX "external_providers_practice_id_npi_index" ON "external_providers" USING btree ("practice_id","npi");--> statement-breakpoint
CREATE INDEX "referral_history_practice_id_referral_id_seq_index" ON "referral_history" USING btree ("practice_id","referral_id","seq");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_status_sent_on_index" ON "referrals" USING btree ("practice_id","status","sent_on");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_status_seen_on_index" ON "referrals" USING btree ("practice_id","status","seen_on");--> statement-breakpoint
CREATE INDEX "referrals_practice_id_patient_id_index" ON "referrals" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "order_history_practice_id_order_id_seq_index" ON "order_history" USING btree ("practice_id","order_id","seq");--> statement-breakpoint
CREATE INDEX "orders_practice_id_status_due_date_index" ON "orders" USING btree ("practice_id","status","due_date");--> statement-breakpoint
CREATE INDEX "orders_practice_id_patient_id_index" ON "orders" USING btree ("practice_id","patient_id");