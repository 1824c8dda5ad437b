CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"document_date" date NOT NULL,
	"source" text,
	"author" text,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"uploaded_by" text NOT NULL,
	"entered_in_error_at" timestamp with time zone,
	"entered_in_error_by" text,
	"entered_in_error_reason" text,
	CONSTRAINT "documents_type" CHECK ("documents"."type" in ('REFERRAL_LETTER', 'OUTSIDE_RECORD', 'CONSENT', 'ID_CARD', 'INSURANCE_CARD', 'LAB_REPORT', 'CORRESPONDENCE', 'PAYER_CORRESPONDENCE', 'OTHER')),
	CONSTRAINT "documents_media_type" CHECK ("documents"."media_type" in ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain')),
	CONSTRAINT "documents_size" CHECK ("documents"."size_bytes" > 0 and "documents"."size_bytes" = octet_length("documents"."content")),
	CONSTRAINT "documents_sha256" CHECK ("documents"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "documents_revision" CHECK (("documents"."revision" = 1) = ("documents"."supersedes_id" is null)),
	CONSTRAINT "documents_entered_in_error" CHECK (("documents"."entered_in_error_at" is null) = ("documents"."entered_in_error_by" is null) and ("documents"."entered_in_error_at" is null) = ("documents"."entered_in_error_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_supersedes_id_documents_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_superseded_by_id_documents_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_practice_id_patient_id_document_date_id_index" ON "documents" USING btree ("practice_id","patient_id","document_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_one_successor" ON "documents" USING btree ("supersedes_id");