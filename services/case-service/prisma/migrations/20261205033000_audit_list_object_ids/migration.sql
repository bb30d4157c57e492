-- A list read is audited as one row per request naming every id it returned, instead of one row (and one chain link)
-- per listed item: a page of 20 tasks wrote 20 rows.
--
-- * `object_ids` holds those ids in the order returned, `object_id` is 'list'; [] for an empty page (the read is still on
--   record). NULL on every record of one object, so rows written before this column are untouched.
-- * TEXT[] rather than JSONB: the values are only ever ids (strings), the type says so and the database enforces it;
--   order is kept as written and nothing is normalised, so the service's HMAC over the ids it wrote is the HMAC over
--   what it reads back; and `@>` on a GIN index answers "who saw this object in a list".
-- * A row with `object_ids` is hashed as `gongzhi-audit-v3` (libs/http/src/audit-chain.ts): the v2 content plus the ids.
--   The version follows from the row's own column, so `audit:verify` checks old and new rows alike and notices ids
--   nulled, added, removed or reordered. The chain trigger only checks `seq` and `prev_hash`, so it needs no change.
-- Adding a nullable column without a default is a catalog change only: the table is not rewritten.
ALTER TABLE "audit_records" ADD COLUMN "object_ids" TEXT[];

CREATE INDEX "audit_records_object_ids_idx" ON "audit_records" USING GIN ("object_ids");
