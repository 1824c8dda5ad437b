CREATE TABLE "analytics_dirty_months" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"rollup" text NOT NULL,
	"month" date,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_cells" DROP CONSTRAINT "analytics_cells_practice_id_month_week_provider_id_location_id_appointment_type_id_modality_pk";--> statement-breakpoint
ALTER TABLE "analytics_distributions" DROP CONSTRAINT "analytics_distributions_practice_id_measure_month_week_provider_id_location_id_appointment_type_id_modality_value_pk";--> statement-breakpoint
ALTER TABLE "analytics_cells" ADD COLUMN "age_band" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_distributions" ADD COLUMN "age_band" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "analytics_dirty_months_practice_id_rollup_index" ON "analytics_dirty_months" USING btree ("practice_id","rollup");--> statement-breakpoint
CREATE INDEX "analytics_cells_practice_id_month_index" ON "analytics_cells" USING btree ("practice_id","month");--> statement-breakpoint
CREATE INDEX "analytics_distributions_practice_id_measure_month_index" ON "analytics_distributions" USING btree ("practice_id","measure","month");--> statement-breakpoint
CREATE INDEX "analytics_distributions_practice_id_measure_week_index" ON "analytics_distributions" USING btree ("practice_id","measure","week");