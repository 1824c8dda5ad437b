CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"purchase_order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"packs" integer NOT NULL,
	"pack_size" integer NOT NULL,
	"unit_cost_cents" integer NOT NULL,
	"received_packs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purchase_order_lines_packs" CHECK ("purchase_order_lines"."packs" between 1 and 100000 and "purchase_order_lines"."pack_size" >= 1 and "purchase_order_lines"."unit_cost_cents" between 0 and 100000000),
	CONSTRAINT "purchase_order_lines_received" CHECK ("purchase_order_lines"."received_packs" between 0 and "purchase_order_lines"."packs")
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "purchase_orders_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"supplier_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"notes" text,
	"created_by" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "purchase_orders_status" CHECK ("purchase_orders"."status" in ('DRAFT', 'SUBMITTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"account_number" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"sku" text NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"pack_unit" text NOT NULL,
	"pack_size" integer NOT NULL,
	"preferred_supplier_id" uuid,
	"cost_cents" integer NOT NULL,
	"hcpcs_code" text,
	"lot_tracked" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "supply_items_category" CHECK ("supply_items"."category" in ('CLINICAL_CONSUMABLE', 'MEDICATION_SAMPLE', 'OFFICE', 'DURABLE')),
	CONSTRAINT "supply_items_pack" CHECK ("supply_items"."pack_size" between 1 and 100000),
	CONSTRAINT "supply_items_cost" CHECK ("supply_items"."cost_cents" between 0 and 100000000),
	CONSTRAINT "supply_items_hcpcs" CHECK ("supply_items"."hcpcs_code" is null or "supply_items"."hcpcs_code" ~ '^[A-V][0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "supply_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"reorder_point" integer NOT NULL,
	"par_level" integer NOT NULL,
	CONSTRAINT "supply_levels_range" CHECK ("supply_levels"."reorder_point" >= 0 and "supply_levels"."par_level" > "supply_levels"."reorder_point" and "supply_levels"."par_level" <= 10000000)
);
--> statement-breakpoint
CREATE TABLE "supply_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "supply_movements_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"operation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"room_id" uuid,
	"lot" text DEFAULT '' NOT NULL,
	"expiry_date" date,
	"quantity" integer NOT NULL,
	"appointment_id" uuid,
	"purchase_order_line_id" uuid,
	"reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_movements_kind" CHECK ("supply_movements"."kind" in ('RECEIVE', 'TRANSFER', 'ALLOCATE', 'CONSUME', 'ADJUST', 'DISPOSE')),
	CONSTRAINT "supply_movements_quantity" CHECK ("supply_movements"."quantity" <> 0 and "supply_movements"."quantity" between -10000000 and 10000000),
	CONSTRAINT "supply_movements_sign" CHECK (case "supply_movements"."kind" when 'RECEIVE' then "supply_movements"."quantity" > 0 when 'CONSUME' then "supply_movements"."quantity" < 0 when 'DISPOSE' then "supply_movements"."quantity" < 0 else true end),
	CONSTRAINT "supply_movements_reason" CHECK ("supply_movements"."kind" not in ('ADJUST', 'DISPOSE') or coalesce(length(btrim("supply_movements"."reason")) > 0, false)),
	CONSTRAINT "supply_movements_appointment" CHECK ("supply_movements"."appointment_id" is null or "supply_movements"."kind" = 'CONSUME'),
	CONSTRAINT "supply_movements_receipt" CHECK ("supply_movements"."purchase_order_line_id" is null or "supply_movements"."kind" = 'RECEIVE')
);
--> statement-breakpoint
CREATE TABLE "supply_operation_keys" (
	"practice_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"operation_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_operation_keys_practice_id_idempotency_key_pk" PRIMARY KEY("practice_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "supply_reorder_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"on_hand" integer NOT NULL,
	"reorder_point" integer NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supply_stock" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"room_id" uuid,
	"lot" text NOT NULL,
	"expiry_date" date,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_stock_place" UNIQUE NULLS NOT DISTINCT("item_id","location_id","room_id","lot"),
	CONSTRAINT "supply_stock_not_negative" CHECK ("supply_stock"."quantity" >= 0)
);
--> statement-breakpoint
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
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchase_order_id_purchase_orders_id_fk" FOREIGN KEY ("purchase_order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_items" ADD CONSTRAINT "supply_items_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_items" ADD CONSTRAINT "supply_items_preferred_supplier_id_suppliers_id_fk" FOREIGN KEY ("preferred_supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_levels" ADD CONSTRAINT "supply_levels_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_purchase_order_line_id_purchase_order_lines_id_fk" FOREIGN KEY ("purchase_order_line_id") REFERENCES "public"."purchase_order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_reorder_alerts" ADD CONSTRAINT "supply_reorder_alerts_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_reorder_alerts" ADD CONSTRAINT "supply_reorder_alerts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_stock" ADD CONSTRAINT "supply_stock_item_id_supply_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supply_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_stock" ADD CONSTRAINT "supply_stock_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_stock" ADD CONSTRAINT "supply_stock_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_lines_position" ON "purchase_order_lines" USING btree ("purchase_order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_lines_item" ON "purchase_order_lines" USING btree ("purchase_order_id","item_id");--> statement-breakpoint
CREATE INDEX "purchase_orders_page" ON "purchase_orders" USING btree ("practice_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_name_per_practice" ON "suppliers" USING btree ("practice_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "supply_items_sku_per_practice" ON "supply_items" USING btree ("practice_id","sku");--> statement-breakpoint
CREATE INDEX "supply_items_page" ON "supply_items" USING btree ("practice_id","name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_levels_item_location" ON "supply_levels" USING btree ("item_id","location_id");--> statement-breakpoint
CREATE INDEX "supply_levels_practice_id_location_id_index" ON "supply_levels" USING btree ("practice_id","location_id");--> statement-breakpoint
CREATE INDEX "supply_movements_item" ON "supply_movements" USING btree ("practice_id","item_id","number");--> statement-breakpoint
CREATE INDEX "supply_movements_location" ON "supply_movements" USING btree ("practice_id","location_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_reorder_alerts_open" ON "supply_reorder_alerts" USING btree ("item_id","location_id") WHERE "supply_reorder_alerts"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "supply_reorder_alerts_practice_id_location_id_raised_at_index" ON "supply_reorder_alerts" USING btree ("practice_id","location_id","raised_at");--> statement-breakpoint
CREATE INDEX "supply_stock_location" ON "supply_stock" USING btree ("practice_id","location_id","item_id");--> statement-breakpoint
CREATE INDEX "imports_page" ON "imports" USING btree ("practice_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "imports_file_once" ON "imports" USING btree ("practice_id","target","file_sha256") WHERE "imports"."status" = 'COMMITTED';