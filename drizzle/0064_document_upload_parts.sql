CREATE TABLE "document_upload_parts" (
	"upload_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"practice_id" uuid NOT NULL,
	"chunk" "bytea" NOT NULL,
	CONSTRAINT "document_upload_parts_upload_id_seq_pk" PRIMARY KEY("upload_id","seq")
);
