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
ALTER TABLE "order_history" ADD CONSTRAINT "order_history_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_history" ADD CONSTRAINT "order_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_history_practice_id_order_id_seq_index" ON "order_history" USING btree ("practice_id","order_id","seq");--> statement-breakpoint
CREATE INDEX "orders_practice_id_status_due_date_index" ON "orders" USING btree ("practice_id","status","due_date");--> statement-breakpoint
CREATE INDEX "orders_practice_id_patient_id_index" ON "orders" USING btree ("practice_id","patient_id");