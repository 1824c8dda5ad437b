CREATE TABLE "analytics_cells" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"week" date NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"modality" text NOT NULL,
	"scheduled" integer NOT NULL,
	"kept" integer NOT NULL,
	"no_shows" integer NOT NULL,
	"late_cancels" integer NOT NULL,
	"visits" integer NOT NULL,
	"new_visits" integer NOT NULL,
	"telehealth_visits" integer NOT NULL,
	"roomed" integer NOT NULL,
	"scheduled_patients" integer NOT NULL,
	"scheduled_sample" uuid[],
	"due_patients" integer NOT NULL,
	"due_sample" uuid[],
	"visit_patients" integer NOT NULL,
	"visit_sample" uuid[],
	"roomed_patients" integer NOT NULL,
	"roomed_sample" uuid[],
	CONSTRAINT "analytics_cells_practice_id_month_week_provider_id_location_id_appointment_type_id_modality_pk" PRIMARY KEY("practice_id","month","week","provider_id","location_id","appointment_type_id","modality")
);
--> statement-breakpoint
CREATE TABLE "analytics_distributions" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"week" date NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"modality" text NOT NULL,
	"measure" text NOT NULL,
	"value" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_distributions_practice_id_measure_month_week_provider_id_location_id_appointment_type_id_modality_value_pk" PRIMARY KEY("practice_id","measure","month","week","provider_id","location_id","appointment_type_id","modality","value")
);
--> statement-breakpoint
CREATE TABLE "analytics_refreshes" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"cells" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_cells" ADD CONSTRAINT "analytics_cells_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_distributions" ADD CONSTRAINT "analytics_distributions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_refreshes" ADD CONSTRAINT "analytics_refreshes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_cells_practice_id_week_index" ON "analytics_cells" USING btree ("practice_id","week");