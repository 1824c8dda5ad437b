CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"target" text NOT NULL,
	"columns" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rejected_rows" (
	"import_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"record" text NOT NULL,
	CONSTRAINT "import_rejected_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
ALTER TABLE "imports" DROP CONSTRAINT "imports_target";--> statement-breakpoint
DROP INDEX "imports_file_once";--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "scope" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "mode" text DEFAULT 'ALL_OR_NOTHING' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "rejected_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejected_rows" ADD CONSTRAINT "import_rejected_rows_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_target" ON "import_mappings" USING btree ("practice_id","target");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_file_once_per_scope" ON "imports" USING btree ("practice_id","target","scope","file_sha256") WHERE "imports"."status" = 'COMMITTED';--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_mode" CHECK ("imports"."mode" in ('ALL_OR_NOTHING', 'GOOD_ROWS'));--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_target" CHECK ("imports"."target" in ('PATIENTS', 'PROVIDERS', 'APPOINTMENT_TYPES', 'SUPPLY_ITEMS', 'OPENING_STOCK', 'COVERAGES', 'PAYERS', 'FEE_SCHEDULES'));