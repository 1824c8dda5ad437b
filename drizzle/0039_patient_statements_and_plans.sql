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
CREATE TABLE "patient_statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"statement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"ledger_entry_id" uuid NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"effective_date" date NOT NULL,
	"date_of_service" date,
	"amount_cents" integer NOT NULL,
	"patient_cents" integer NOT NULL,
	CONSTRAINT "patient_statement_lines_category" CHECK ("patient_statement_lines"."category" in ('NEW_CHARGE', 'INSURANCE_PAYMENT', 'ADJUSTMENT', 'PATIENT_PAYMENT', 'PATIENT_RESPONSIBILITY'))
);
--> statement-breakpoint
CREATE TABLE "patient_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"cycle" text NOT NULL,
	"as_of" date NOT NULL,
	"due_date" date NOT NULL,
	"previous_statement_id" uuid,
	"previous_balance_cents" integer NOT NULL,
	"new_charges_cents" integer NOT NULL,
	"insurance_payments_cents" integer NOT NULL,
	"adjustments_cents" integer NOT NULL,
	"patient_payments_cents" integer NOT NULL,
	"insurance_pending_cents" integer NOT NULL,
	"balance_due_cents" integer NOT NULL,
	"aging_0_30_cents" integer NOT NULL,
	"aging_31_60_cents" integer NOT NULL,
	"aging_61_90_cents" integer NOT NULL,
	"aging_91_120_cents" integer NOT NULL,
	"aging_over_120_cents" integer NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "patient_statements_cycle_format" CHECK ("patient_statements"."cycle" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "patient_statements"."cycle" = to_char("patient_statements"."as_of", 'YYYY-MM')),
	CONSTRAINT "patient_statements_due" CHECK ("patient_statements"."due_date" > "patient_statements"."as_of"),
	CONSTRAINT "patient_statements_sums" CHECK ("patient_statements"."previous_balance_cents" + "patient_statements"."new_charges_cents" + "patient_statements"."insurance_payments_cents" + "patient_statements"."adjustments_cents" + "patient_statements"."patient_payments_cents" - "patient_statements"."insurance_pending_cents" = "patient_statements"."balance_due_cents"
        and "patient_statements"."aging_0_30_cents" + "patient_statements"."aging_31_60_cents" + "patient_statements"."aging_61_90_cents" + "patient_statements"."aging_91_120_cents" + "patient_statements"."aging_over_120_cents" = "patient_statements"."balance_due_cents")
);
--> statement-breakpoint
ALTER TABLE "patient_payments" ADD COLUMN "payment_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_statement_id_patient_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."patient_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_previous_statement_id_patient_statements_id_fk" FOREIGN KEY ("previous_statement_id") REFERENCES "public"."patient_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_idempotency" ON "payment_plans" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_active" ON "payment_plans" USING btree ("practice_id","patient_id") WHERE "payment_plans"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "payment_plans_patient" ON "payment_plans" USING btree ("practice_id","patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statement_lines_position" ON "patient_statement_lines" USING btree ("statement_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statement_lines_entry" ON "patient_statement_lines" USING btree ("ledger_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statements_cycle" ON "patient_statements" USING btree ("practice_id","patient_id","cycle");--> statement-breakpoint
CREATE INDEX "patient_statements_page" ON "patient_statements" USING btree ("practice_id","as_of","id");--> statement-breakpoint
CREATE INDEX "patient_statements_patient" ON "patient_statements" USING btree ("practice_id","patient_id","as_of");--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_payment_plan_id_payment_plans_id_fk" FOREIGN KEY ("payment_plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_payments_plan" ON "patient_payments" USING btree ("payment_plan_id");