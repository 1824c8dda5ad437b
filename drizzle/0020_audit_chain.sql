CREATE TABLE "audit_chain" (
	"practice_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"batch_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_chain_practice_id_seq_pk" PRIMARY KEY("practice_id","seq"),
	CONSTRAINT "audit_chain_hash_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"batch_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_chain_heads_hash_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_batch_id_index" ON "audit_chain" USING btree ("batch_id");