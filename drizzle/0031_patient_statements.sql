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
	"aging0_to30_cents" integer NOT NULL,
	"aging31_to60_cents" integer NOT NULL,
	"aging61_to90_cents" integer NOT NULL,
	"aging91_to120_cents" integer NOT NULL,
	"aging_over120_cents" integer NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "patient_statements_cycle_format" CHECK ("patient_statements"."cycle" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "patient_statements"."cycle" = to_char("patient_statements"."as_of", 'YYYY-MM')),
	CONSTRAINT "patient_statements_due" CHECK ("patient_statements"."due_date" > "patient_statements"."as_of"),
	CONSTRAINT "patient_statements_sums" CHECK ("patient_statements"."previous_balance_cents" + "patient_statements"."new_charges_cents" + "patient_statements"."insurance_payments_cents" + "patient_statements"."adjustments_cents" + "patient_statements"."patient_payments_cents" - "patient_statements"."insurance_pending_cents" = "patient_statements"."balance_due_cents"
        and "patient_statements"."aging0_to30_cents" + "patient_statements"."aging31_to60_cents" + "patient_statements"."aging61_to90_cents" + "patient_statements"."aging91_to120_cents" + "patient_statements"."aging_over120_cents" = "patient_statements"."balance_due_cents")
);
--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_statement_id_patient_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."patient_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statement_lines" ADD CONSTRAINT "patient_statement_lines_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_statements" ADD CONSTRAINT "patient_statements_previous_statement_id_patient_statements_id_fk" FOREIGN KEY ("previous_statement_id") REFERENCES "public"."patient_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statement_lines_position" ON "patient_statement_lines" USING btree ("statement_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statement_lines_entry" ON "patient_statement_lines" USING btree ("ledger_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_statements_cycle" ON "patient_statements" USING btree ("practice_id","patient_id","cycle");--> statement-breakpoint
CREATE INDEX "patient_statements_page" ON "patient_statements" USING btree ("practice_id","as_of","id");--> statement-breakpoint
CREATE INDEX "patient_statements_patient" ON "patient_statements" USING btree ("practice_id","patient_id","as_of");