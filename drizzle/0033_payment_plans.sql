CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"total_cents" integer NOT NULL,
	"installment_count" integer NOT NULL,
	"first_due_date" date NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"released_cents" integer,
	"request_digest" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "payment_plans_status" CHECK ("payment_plans"."status" in ('ACTIVE', 'COMPLETED', 'CANCELLED') and ("payment_plans"."status" = 'CANCELLED') = ("payment_plans"."cancelled_at" is not null)),
	CONSTRAINT "payment_plans_amounts" CHECK ("payment_plans"."total_cents" between 1 and 100000000 and "payment_plans"."installment_count" between 2 and 60 and "payment_plans"."total_cents" >= "payment_plans"."installment_count")
);
--> statement-breakpoint
ALTER TABLE "patient_payments" ADD COLUMN "payment_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_idempotency" ON "payment_plans" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_active" ON "payment_plans" USING btree ("practice_id","patient_id") WHERE "payment_plans"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "payment_plans_patient" ON "payment_plans" USING btree ("practice_id","patient_id","created_at");--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_payment_plan_id_payment_plans_id_fk" FOREIGN KEY ("payment_plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_payments_plan" ON "patient_payments" USING btree ("payment_plan_id");