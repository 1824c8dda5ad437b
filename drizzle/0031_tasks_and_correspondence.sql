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
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_practice_id_occurred_at_id_index" ON "contacts" USING btree ("practice_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "contacts_practice_id_patient_id_occurred_at_index" ON "contacts" USING btree ("practice_id","patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "task_events_practice_id_task_id_seq_index" ON "task_events" USING btree ("practice_id","task_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_source_key" ON "tasks" USING btree ("practice_id","source_key");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_assignee_user_id_status_index" ON "tasks" USING btree ("practice_id","assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_queue_role_status_index" ON "tasks" USING btree ("practice_id","queue_role","status");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_patient_id_index" ON "tasks" USING btree ("practice_id","patient_id");--> statement-breakpoint
CREATE INDEX "tasks_practice_id_about_type_about_id_index" ON "tasks" USING btree ("practice_id","about_type","about_id");