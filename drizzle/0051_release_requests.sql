CREATE TABLE "release_request_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"release_request_id" uuid NOT NULL,
	"document_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_request_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "release_request_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"release_request_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"patient_id" uuid NOT NULL,
	"requester_name" text NOT NULL,
	"requester_organization" text,
	"deliver_to" text,
	"purpose" text NOT NULL,
	"document_types" text[],
	"from_date" date,
	"to_date" date,
	"document_ids" uuid[],
	"authorization_document_id" uuid NOT NULL,
	"authorization_expires_on" date NOT NULL,
	"status" text DEFAULT 'REQUESTED' NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"sent_by" text,
	"sent_at" timestamp with time zone,
	"idempotency_key" text,
	CONSTRAINT "release_requests_status" CHECK ("release_requests"."status" in ('REQUESTED', 'APPROVED', 'DENIED', 'SENT')),
	CONSTRAINT "release_requests_range" CHECK ("release_requests"."from_date" is null or "release_requests"."to_date" is null or "release_requests"."from_date" <= "release_requests"."to_date"),
	CONSTRAINT "release_requests_selection" CHECK (("release_requests"."document_ids" is null) or ("release_requests"."document_types" is null and "release_requests"."from_date" is null and "release_requests"."to_date" is null)),
	CONSTRAINT "release_requests_sent" CHECK (("release_requests"."status" = 'SENT') = ("release_requests"."sent_at" is not null) and ("release_requests"."sent_at" is null) = ("release_requests"."sent_by" is null)),
	CONSTRAINT "release_requests_decided" CHECK (("release_requests"."status" = 'REQUESTED') = ("release_requests"."decided_at" is null) and ("release_requests"."decided_at" is null) = ("release_requests"."decided_by" is null))
);
--> statement-breakpoint
CREATE TABLE "intake_form_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_form_versions_revision" CHECK ("intake_form_versions"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "intake_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"current_revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"form_version_id" uuid NOT NULL,
	"token_sha256" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"sent_by" text NOT NULL,
	CONSTRAINT "intake_links_sha256" CHECK ("intake_links"."token_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "intake_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"link_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"form_version_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"signature_name" text,
	"signed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"applied_fields" text[],
	CONSTRAINT "intake_submissions_signature" CHECK (("intake_submissions"."signature_name" is null) = ("intake_submissions"."signed_at" is null)),
	CONSTRAINT "intake_submissions_review" CHECK (("intake_submissions"."reviewed_at" is null) = ("intake_submissions"."reviewed_by" is null))
);
--> statement-breakpoint
ALTER TABLE "release_request_documents" ADD CONSTRAINT "release_request_documents_release_request_id_release_requests_id_fk" FOREIGN KEY ("release_request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_request_documents" ADD CONSTRAINT "release_request_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_request_history" ADD CONSTRAINT "release_request_history_release_request_id_release_requests_id_fk" FOREIGN KEY ("release_request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_authorization_document_id_documents_id_fk" FOREIGN KEY ("authorization_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_form_versions" ADD CONSTRAINT "intake_form_versions_form_id_intake_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."intake_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_forms" ADD CONSTRAINT "intake_forms_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_form_version_id_intake_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."intake_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_link_id_intake_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."intake_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_form_version_id_intake_form_versions_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."intake_form_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "release_request_documents_release_request_id_document_id_index" ON "release_request_documents" USING btree ("release_request_id","document_id");--> statement-breakpoint
CREATE INDEX "release_request_history_release_request_id_seq_index" ON "release_request_history" USING btree ("release_request_id","seq");--> statement-breakpoint
CREATE INDEX "release_requests_patient" ON "release_requests" USING btree ("practice_id","patient_id","created_at");--> statement-breakpoint
CREATE INDEX "release_requests_disclosures" ON "release_requests" USING btree ("practice_id","patient_id","sent_at") WHERE "release_requests"."status" = 'SENT';--> statement-breakpoint
CREATE UNIQUE INDEX "release_requests_idempotency" ON "release_requests" USING btree ("practice_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_form_versions_form_id_revision_index" ON "intake_form_versions" USING btree ("form_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_forms_name" ON "intake_forms" USING btree ("practice_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "intake_links_token" ON "intake_links" USING btree ("token_sha256");--> statement-breakpoint
CREATE INDEX "intake_links_appointment" ON "intake_links" USING btree ("practice_id","appointment_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_submissions_one_per_link" ON "intake_submissions" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "intake_submissions_appointment" ON "intake_submissions" USING btree ("practice_id","appointment_id");