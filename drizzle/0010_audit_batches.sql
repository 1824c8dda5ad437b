CREATE TABLE "audit_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text NOT NULL,
	"roles" text[] NOT NULL,
	"action" text NOT NULL,
	"operation_name" text,
	"request_id" text NOT NULL,
	"entity_types" text[] NOT NULL,
	"entity_ids" text[] NOT NULL,
	"patient_ids" uuid[] NOT NULL,
	CONSTRAINT "audit_batches_entities_aligned" CHECK (cardinality("audit_batches"."entity_ids") >= 1 and array_ndims("audit_batches"."entity_ids") = 1 and array_ndims("audit_batches"."entity_types") = 1 and array_ndims("audit_batches"."patient_ids") = 1 and cardinality("audit_batches"."entity_types") = cardinality("audit_batches"."entity_ids") and cardinality("audit_batches"."patient_ids") = cardinality("audit_batches"."entity_ids") and array_position("audit_batches"."entity_types", null) is null and array_position("audit_batches"."entity_ids", null) is null)
);
--> statement-breakpoint
ALTER TABLE "audit_batches" ADD CONSTRAINT "audit_batches_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_batches_practice_id_at_index" ON "audit_batches" USING btree ("practice_id","at");--> statement-breakpoint
CREATE INDEX "audit_batches_practice_id_user_id_at_index" ON "audit_batches" USING btree ("practice_id","user_id","at");--> statement-breakpoint
CREATE INDEX "audit_batches_patient_ids_index" ON "audit_batches" USING gin ("patient_ids");