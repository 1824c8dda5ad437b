DROP INDEX "locations_practice_id_name_index";--> statement-breakpoint
DROP INDEX "providers_practice_id_family_name_index";--> statement-breakpoint
CREATE INDEX "locations_practice_id_name_id_index" ON "locations" USING btree ("practice_id","name","id");--> statement-breakpoint
CREATE INDEX "providers_practice_id_family_name_given_name_id_index" ON "providers" USING btree ("practice_id","family_name","given_name","id");