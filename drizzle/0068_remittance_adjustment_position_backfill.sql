-- Adjustments posted before the position column existed were read in physical (insert) order, which was
-- file order: number them in that order within their parent (the claim for claim-level CAS, the line for
-- line-level CAS), 0-based as posting numbers new ones.
UPDATE "remittance_adjustments" AS a
SET "position" = o."position"
FROM (
  SELECT "id", (row_number() OVER (PARTITION BY "remittance_claim_id", "remittance_line_id" ORDER BY ctid) - 1)::integer AS "position"
  FROM "remittance_adjustments"
) AS o
WHERE a."id" = o."id";
