CREATE TABLE "patient_payment_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"processor_reference" text,
	"ledger_entry_ids" uuid[] NOT NULL,
	"request_digest" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "patient_payment_refunds_amount" CHECK ("patient_payment_refunds"."amount_cents" between 1 and 100000000)
);
--> statement-breakpoint
CREATE TABLE "patient_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"check_number" text,
	"processor_reference" text,
	"card_brand" text,
	"card_last4" text,
	"effective_date" date NOT NULL,
	"ledger_entry_ids" uuid[] NOT NULL,
	"request_digest" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "patient_payments_method" CHECK ("patient_payments"."method" in ('CASH', 'CHECK', 'CARD')),
	CONSTRAINT "patient_payments_amount" CHECK ("patient_payments"."amount_cents" between 1 and 100000000),
	CONSTRAINT "patient_payments_card" CHECK (("patient_payments"."method" = 'CARD') = ("patient_payments"."processor_reference" is not null) and ("patient_payments"."card_last4" is null or "patient_payments"."card_last4" ~ '^[0-9]{4}$'))
);
--> statement-breakpoint
ALTER TABLE "patient_payment_refunds" ADD CONSTRAINT "patient_payment_refunds_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_payment_refunds" ADD CONSTRAINT "patient_payment_refunds_payment_id_patient_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."patient_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_payments" ADD CONSTRAINT "patient_payments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "patient_payment_refunds_idempotency" ON "patient_payment_refunds" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "patient_payment_refunds_payment" ON "patient_payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patient_payments_idempotency" ON "patient_payments" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "patient_payments_patient" ON "patient_payments" USING btree ("practice_id","patient_id","created_at");