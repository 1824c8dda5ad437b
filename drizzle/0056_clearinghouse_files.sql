CREATE TABLE "clearinghouse_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"remote_id" text NOT NULL,
	"remote_name" text NOT NULL,
	"kind" text NOT NULL,
	"sha256" text NOT NULL,
	"interchange_control_number" text,
	"group_control_number" text,
	"raw" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'RECEIVED' NOT NULL,
	"processed_at" timestamp with time zone,
	"problem" text,
	"result" jsonb,
	CONSTRAINT "clearinghouse_files_kind" CHECK ("clearinghouse_files"."kind" in ('999', '277CA', '835', 'UNKNOWN')),
	CONSTRAINT "clearinghouse_files_status" CHECK ("clearinghouse_files"."status" in ('RECEIVED', 'PROCESSED', 'FAILED', 'DUPLICATE'))
);
--> statement-breakpoint
ALTER TABLE "clearinghouse_files" ADD CONSTRAINT "clearinghouse_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clearinghouse_files_remote" ON "clearinghouse_files" USING btree ("practice_id","remote_id");--> statement-breakpoint
CREATE INDEX "clearinghouse_files_page" ON "clearinghouse_files" USING btree ("practice_id","received_at","id");--> statement-breakpoint
CREATE INDEX "clearinghouse_files_sha" ON "clearinghouse_files" USING btree ("practice_id","sha256");--> statement-breakpoint
CREATE INDEX "clearinghouse_files_pending" ON "clearinghouse_files" USING btree ("practice_id") WHERE "clearinghouse_files"."status" = 'RECEIVED';