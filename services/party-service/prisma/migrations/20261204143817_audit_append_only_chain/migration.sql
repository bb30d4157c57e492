-- The audit trail becomes tamper-evident: append-only in the database itself, and hash-chained.
--
-- * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE of audit_records for every role, the service's own role
--   too (it owns the table, so privileges alone would not hold it: an owner may grant itself anything back). The
--   privileges are revoked as well, so a stray statement fails on permission before it reaches a trigger.
-- * Hash chain: a trigger gives each new row the next `seq`, the previous row's hash as `prev_hash`, and `hash` =
--   SHA-256 over its canonical content (libs/http/src/audit-chain.ts computes the same in TypeScript, and
--   `npm run audit:verify` walks the chain). Appends are serialised by a transaction-scoped advisory lock, so the
--   chain stays linear however many requests write at once; `seq` is unique, so even a writer that read a stale head
--   fails instead of forking the chain. `at` is set by the trigger too (no back-dating).
-- * `caller_request_id` keeps a caller's own X-Request-Id apart from `request_id`, which the service generates; `status`
--   is the HTTP status of a refused request (`<object>.refused`).
--
-- Anyone able to switch the triggers off (a superuser, or the owning role via ALTER TABLE) can still change rows; the
-- chain is what then shows it.

ALTER TABLE "audit_records"
  ADD COLUMN "caller_request_id" TEXT,
  ADD COLUMN "status" INTEGER,
  ADD COLUMN "seq" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "prev_hash" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- One field of the canonical content: `<UTF-8 byte length>:<value>;`, or `~;` for null.
CREATE FUNCTION audit_hash_field(value TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN value IS NULL THEN '~;' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value || ';' END $$;

-- SHA-256 (hex) of a record's canonical content, `at` as integer milliseconds since the epoch.
CREATE FUNCTION audit_record_hash(
  p_seq BIGINT, p_prev_hash TEXT, p_at TIMESTAMPTZ, p_actor TEXT, p_action TEXT, p_object_type TEXT,
  p_object_id TEXT, p_request_id TEXT, p_caller_request_id TEXT, p_status INTEGER
) RETURNS TEXT
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT encode(sha256(convert_to(
      'gongzhi-audit-v1;'
        || audit_hash_field(p_seq::text)
        || audit_hash_field(p_prev_hash)
        || audit_hash_field(round(extract(epoch FROM p_at) * 1000)::bigint::text)
        || audit_hash_field(p_actor)
        || audit_hash_field(p_action)
        || audit_hash_field(p_object_type)
        || audit_hash_field(p_object_id)
        || audit_hash_field(p_request_id)
        || audit_hash_field(p_caller_request_id)
        || audit_hash_field(p_status::text),
      'UTF8')), 'hex')
  $$;

-- Rows written before the chain existed join it in the order they were written.
DO $$
DECLARE
  r RECORD;
  next_seq BIGINT := 0;
  last_hash TEXT := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM "audit_records" ORDER BY "id" LOOP
    next_seq := next_seq + 1;
    UPDATE "audit_records"
       SET "seq" = next_seq,
           "prev_hash" = last_hash,
           "hash" = audit_record_hash(next_seq, last_hash, r."at", r."actor", r."action", r."object_type",
                                      r."object_id", r."request_id", NULL, NULL)
     WHERE "id" = r."id"
     RETURNING "hash" INTO last_hash;
  END LOOP;
END $$;

CREATE UNIQUE INDEX "audit_records_seq_key" ON "audit_records"("seq");

CREATE FUNCTION audit_records_chain() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  last_seq BIGINT;
  last_hash TEXT;
BEGIN
  -- Under REPEATABLE READ or SERIALIZABLE the head read below would come from the transaction's first snapshot and
  -- miss a row committed while this one waited for the lock.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit records are appended under READ COMMITTED only (the hash chain reads the latest record)';
  END IF;
  -- One lock per database (the key spells "AUDIT" in ASCII): held to commit, so appends form one line.
  PERFORM pg_advisory_xact_lock(280603412820);
  SELECT "seq", "hash" INTO last_seq, last_hash FROM "audit_records" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := coalesce(last_seq, 0) + 1;
  NEW."prev_hash" := coalesce(last_hash, repeat('0', 64));
  NEW."at" := date_trunc('milliseconds', clock_timestamp());
  NEW."hash" := audit_record_hash(NEW."seq", NEW."prev_hash", NEW."at", NEW."actor", NEW."action",
                                  NEW."object_type", NEW."object_id", NEW."request_id", NEW."caller_request_id",
                                  NEW."status");
  RETURN NEW;
END $$;

CREATE TRIGGER "audit_records_chain"
  BEFORE INSERT ON "audit_records"
  FOR EACH ROW EXECUTE FUNCTION audit_records_chain();

CREATE FUNCTION audit_records_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "audit_records_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_records"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON "audit_records" FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_records" FROM CURRENT_USER;
