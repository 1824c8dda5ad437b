CREATE TABLE "lab_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"format" text NOT NULL,
	"sending_facility" text NOT NULL,
	"control_id" text NOT NULL,
	"raw" text NOT NULL,
	"received_by" text NOT NULL,
	CONSTRAINT "lab_messages_format" CHECK ("lab_messages"."format" in ('HL7V2', 'FHIR'))
);
--> statement-breakpoint
CREATE TABLE "lab_observations" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lab_observations_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"code_system" text,
	"display" text,
	"value_type" text,
	"value" text,
	"units" text,
	"reference_range" text,
	"abnormal_flag" text,
	"interpretation" text NOT NULL,
	"status" text NOT NULL,
	"observed_at" timestamp with time zone,
	CONSTRAINT "lab_observations_interpretation" CHECK ("lab_observations"."interpretation" in ('NORMAL', 'ABNORMAL', 'CRITICAL'))
);
--> statement-breakpoint
CREATE TABLE "lab_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"message_id" uuid NOT NULL,
	"patient_id" uuid,
	"order_id" uuid,
	"ordering_provider_id" uuid,
	"report_key" text NOT NULL,
	"placer_order_number" text,
	"filler_order_number" text,
	"code" text NOT NULL,
	"code_system" text,
	"display" text,
	"status" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"current" boolean DEFAULT true NOT NULL,
	"effective_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"interpretation" text NOT NULL,
	"sent_patient" jsonb NOT NULL,
	"matched_by" text,
	"matched_at" timestamp with time zone,
	"matched_by_user" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"released_by" text,
	"released_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_results_status" CHECK ("lab_results"."status" in ('PRELIMINARY', 'FINAL', 'CORRECTED')),
	CONSTRAINT "lab_results_interpretation" CHECK ("lab_results"."interpretation" in ('NORMAL', 'ABNORMAL', 'CRITICAL')),
	CONSTRAINT "lab_results_matched_by" CHECK ("lab_results"."matched_by" is null or "lab_results"."matched_by" in ('MRN', 'NAME_DOB', 'STAFF')),
	CONSTRAINT "lab_results_release_after_review" CHECK ("lab_results"."released_at" is null or "lab_results"."reviewed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_about";--> statement-breakpoint
ALTER TABLE "lab_messages" ADD CONSTRAINT "lab_messages_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_observations" ADD CONSTRAINT "lab_observations_result_id_lab_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."lab_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_message_id_lab_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."lab_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_results" ADD CONSTRAINT "lab_results_ordering_provider_id_providers_id_fk" FOREIGN KEY ("ordering_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lab_messages_practice_id_sending_facility_control_id_index" ON "lab_messages" USING btree ("practice_id","sending_facility","control_id");--> statement-breakpoint
CREATE INDEX "lab_observations_result_id_position_index" ON "lab_observations" USING btree ("result_id","position");--> statement-breakpoint
CREATE INDEX "lab_results_practice_id_patient_id_received_at_index" ON "lab_results" USING btree ("practice_id","patient_id","received_at");--> statement-breakpoint
CREATE INDEX "lab_results_practice_id_report_key_index" ON "lab_results" USING btree ("practice_id","report_key");--> statement-breakpoint
CREATE UNIQUE INDEX "lab_results_one_successor" ON "lab_results" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "lab_results_unmatched" ON "lab_results" USING btree ("practice_id","received_at") WHERE "lab_results"."patient_id" is null;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_about" CHECK (("tasks"."about_type" is null) = ("tasks"."about_id" is null) and ("tasks"."about_type" is null or "tasks"."about_type" in ('CONTACT', 'REFERRAL', 'ORDER', 'CLAIM', 'PATIENT', 'SUPPLY_ITEM', 'RESULT')));