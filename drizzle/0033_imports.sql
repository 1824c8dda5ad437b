CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "imports_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"target" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"rows" integer NOT NULL,
	"problem_count" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imports_status" CHECK ("imports"."status" in ('DRY_RUN', 'COMMITTED', 'REJECTED')),
	CONSTRAINT "imports_target" CHECK ("imports"."target" in ('SUPPLY_ITEMS', 'OPENING_STOCK'))
);
--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_page" ON "imports" USING btree ("practice_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_file_once" ON "imports" USING btree ("practice_id","target","file_sha256") WHERE "imports"."status" = 'COMMITTED';