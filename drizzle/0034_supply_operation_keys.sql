CREATE TABLE "supply_operation_keys" (
	"practice_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"operation_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_operation_keys_practice_id_idempotency_key_pk" PRIMARY KEY("practice_id","idempotency_key")
);
