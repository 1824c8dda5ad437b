CREATE TABLE "analytics_capacity_cells" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"week" date NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"available_minutes" integer NOT NULL,
	"booked_minutes" integer NOT NULL,
	"booked_appointments" integer NOT NULL,
	"tnaa_days" integer NOT NULL,
	"tnaa_snapshots" integer NOT NULL,
	"booked_patients" integer NOT NULL,
	"booked_sample" uuid[]
);
--> statement-breakpoint
CREATE TABLE "analytics_finance_cells" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"week" date NOT NULL,
	"provider_id" text NOT NULL,
	"location_id" text NOT NULL,
	"payer_id" text NOT NULL,
	"adjustment_group" text NOT NULL,
	"reason_code" text NOT NULL,
	"entries" integer NOT NULL,
	"charges_cents" bigint NOT NULL,
	"insurance_payments_cents" bigint NOT NULL,
	"patient_payments_cents" bigint NOT NULL,
	"refunds_cents" bigint NOT NULL,
	"contractual_cents" bigint NOT NULL,
	"patient_responsibility_cents" bigint NOT NULL,
	"other_adjustment_cents" bigint NOT NULL,
	"write_off_cents" bigint NOT NULL,
	"ar_change_cents" bigint NOT NULL,
	"ar_over90_change_cents" bigint NOT NULL,
	"claims_submitted" integer NOT NULL,
	"claims_answered" integer NOT NULL,
	"claims_clean" integer NOT NULL,
	"claims_adjudicated" integer NOT NULL,
	"claims_denied" integer NOT NULL,
	"claims_paid" integer NOT NULL,
	"days_to_payment" integer NOT NULL,
	"denied_with_reason" integer NOT NULL,
	"ledger_patients" integer NOT NULL,
	"ledger_sample" uuid[],
	"submitted_patients" integer NOT NULL,
	"submitted_sample" uuid[],
	"adjudicated_patients" integer NOT NULL,
	"adjudicated_sample" uuid[]
);
--> statement-breakpoint
CREATE TABLE "analytics_tnaa_snapshots" (
	"practice_id" uuid NOT NULL,
	"day" date NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_tnaa_snapshots_practice_id_day_provider_id_location_id_pk" PRIMARY KEY("practice_id","day","provider_id","location_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_capacity_cells" ADD CONSTRAINT "analytics_capacity_cells_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_finance_cells" ADD CONSTRAINT "analytics_finance_cells_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_tnaa_snapshots" ADD CONSTRAINT "analytics_tnaa_snapshots_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_capacity_cells_practice_id_month_index" ON "analytics_capacity_cells" USING btree ("practice_id","month");--> statement-breakpoint
CREATE INDEX "analytics_capacity_cells_practice_id_week_index" ON "analytics_capacity_cells" USING btree ("practice_id","week");--> statement-breakpoint
CREATE INDEX "analytics_finance_cells_practice_id_month_index" ON "analytics_finance_cells" USING btree ("practice_id","month");--> statement-breakpoint
CREATE INDEX "analytics_finance_cells_practice_id_week_index" ON "analytics_finance_cells" USING btree ("practice_id","week");