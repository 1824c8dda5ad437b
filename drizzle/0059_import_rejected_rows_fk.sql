-- A GOOD_ROWS commit writes its rejected rows batch by batch, before its import record exists (the record
-- is written at the end, with the counts and the file's SHA-256): the link is checked at commit.
ALTER TABLE "import_rejected_rows" ADD CONSTRAINT "import_rejected_rows_import_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") DEFERRABLE INITIALLY DEFERRED;
