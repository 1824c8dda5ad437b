-- Extensions the schema needs; PGlite loads the same ones from its contrib bundle.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
