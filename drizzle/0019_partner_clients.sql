CREATE TABLE "partner_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"secret_hash" text NOT NULL,
	"secret_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "partner_clients_scopes_nonempty" CHECK (cardinality("partner_clients"."scopes") >= 1)
);
--> statement-breakpoint
ALTER TABLE "audit_batches" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "partner_clients" ADD CONSTRAINT "partner_clients_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_clients_client_id_index" ON "partner_clients" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_clients_active_name" ON "partner_clients" USING btree ("practice_id",lower("name")) WHERE "partner_clients"."revoked_at" is null;