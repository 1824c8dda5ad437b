CREATE SEQUENCE "public"."x12_group_control_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 START WITH 1 CACHE 1 CYCLE;--> statement-breakpoint
CREATE SEQUENCE "public"."x12_transaction_control_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 START WITH 1 CACHE 1 CYCLE;--> statement-breakpoint
CREATE TABLE "claim_acknowledgment_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"acknowledgment_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"outcome" text NOT NULL,
	"payer_claim_number" text,
	"statuses" jsonb NOT NULL,
	"reason" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_ack_results_outcome" CHECK ("claim_acknowledgment_results"."outcome" in ('ACCEPTED', 'REJECTED', 'UNKNOWN'))
);
--> statement-breakpoint
CREATE TABLE "claim_acknowledgments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"control_number" text,
	"accepted" boolean,
	"raw" text NOT NULL,
	"parsed" jsonb,
	"problems" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_acknowledgments_kind" CHECK ("claim_acknowledgments"."kind" in ('999', '277CA', 'UNREADABLE'))
);
--> statement-breakpoint
CREATE TABLE "claim_batch_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"patient_account_number" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submission_id" uuid NOT NULL,
	"claims_route" text NOT NULL,
	"edi_payer_id" text NOT NULL,
	"status" text NOT NULL,
	"interchange_control_number" bigint NOT NULL,
	"group_control_number" bigint NOT NULL,
	"transaction_control_number" bigint NOT NULL,
	"reference_id" text NOT NULL,
	"claim_count" integer NOT NULL,
	"x12" text NOT NULL,
	"transport_error" text,
	"submitted_by" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "claim_batches_status" CHECK ("claim_batches"."status" in ('SENT', 'SENT_UNKNOWN', 'ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED'))
);
--> statement-breakpoint
CREATE TABLE "claim_status_inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"interchange_control_number" bigint NOT NULL,
	"trace_number" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"category" text,
	"code" text,
	"entity" text,
	"payer_claim_number" text,
	"charge_cents" integer,
	"paid_cents" integer,
	"adjudication_date" text,
	"check_date" text,
	"check_number" text,
	"statuses" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"raw276" text NOT NULL,
	"raw277" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "claim_status_inquiries_outcome" CHECK ("claim_status_inquiries"."outcome" in ('ANSWERED', 'NO_RESPONSE', 'UNREADABLE'))
);
--> statement-breakpoint
CREATE TABLE "claim_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_acknowledgment_results" ADD CONSTRAINT "claim_acknowledgment_results_acknowledgment_id_claim_acknowledgments_id_fk" FOREIGN KEY ("acknowledgment_id") REFERENCES "public"."claim_acknowledgments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_acknowledgment_results" ADD CONSTRAINT "claim_acknowledgment_results_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_acknowledgments" ADD CONSTRAINT "claim_acknowledgments_batch_id_claim_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."claim_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batch_claims" ADD CONSTRAINT "claim_batch_claims_batch_id_claim_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."claim_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batch_claims" ADD CONSTRAINT "claim_batch_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_batches" ADD CONSTRAINT "claim_batches_submission_id_claim_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."claim_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_status_inquiries" ADD CONSTRAINT "claim_status_inquiries_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_acknowledgment_results_claim_id_received_at_index" ON "claim_acknowledgment_results" USING btree ("claim_id","received_at");--> statement-breakpoint
CREATE INDEX "claim_acknowledgments_batch_id_received_at_index" ON "claim_acknowledgments" USING btree ("batch_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_batch_claims_once" ON "claim_batch_claims" USING btree ("claim_id","revision");--> statement-breakpoint
CREATE INDEX "claim_batch_claims_batch_id_position_index" ON "claim_batch_claims" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "claim_batches_page" ON "claim_batches" USING btree ("practice_id","created_at","id");--> statement-breakpoint
CREATE INDEX "claim_batches_submission_id_index" ON "claim_batches" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "claim_status_inquiries_claim_id_requested_at_index" ON "claim_status_inquiries" USING btree ("claim_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_submissions_practice_id_idempotency_key_index" ON "claim_submissions" USING btree ("practice_id","idempotency_key");