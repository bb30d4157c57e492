-- The audit hash chain becomes keyed (the review found the unkeyed chain could be rewritten without a trace: the owning
-- role can switch the triggers off, change or delete rows and recompute every hash with audit_record_hash()).
--
-- * From now on the service computes each row's `hash` itself: HMAC-SHA-256 with its audit chain key
--   (AUDIT_CHAIN_KEY_FILE) over the row's content, `seq` and `prev_hash` (libs/http/src/audit-chain.ts,
--   `gongzhi-audit-v2`). The database never holds the key, so whoever rewrites rows here cannot make them verify.
-- * The chain trigger no longer hashes: under the same advisory lock as before it only checks that the row extends the
--   head (next `seq`, the head's hash as `prev_hash`) and refuses it otherwise ("audit chain head moved"; the service
--   re-reads the head and tries again). So appends stay one INSERT and the chain stays linear across processes.
-- * Rows already in the table keep their unkeyed SHA-256 hashes (re-chaining them would need the key here). The
--   one-row table audit_chain_keyed_from records, once, the first `seq` that is keyed: `audit:verify` checks rows below
--   it with the unkeyed hash and every row from it on with the key. The first keyed row's HMAC covers the last unkeyed
--   hash, so the unkeyed prefix cannot change without breaking it. What the marker itself cannot prove (it lives in
--   this database too) is covered by recording heads elsewhere: see README, Audit.

CREATE TABLE "audit_chain_keyed_from" (
  "seq" BIGINT NOT NULL,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "audit_chain_keyed_from_pkey" PRIMARY KEY ("seq")
);

INSERT INTO "audit_chain_keyed_from" ("seq") SELECT coalesce(max("seq"), 0) + 1 FROM "audit_records";

-- Written once, above; never changed, deleted or joined by a second row.
CREATE FUNCTION audit_chain_keyed_from_fixed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain_keyed_from is written once: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "audit_chain_keyed_from_fixed"
  BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "audit_chain_keyed_from"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_keyed_from_fixed();

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "audit_chain_keyed_from" FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "audit_chain_keyed_from" FROM CURRENT_USER;

CREATE OR REPLACE FUNCTION audit_records_chain() RETURNS trigger
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
  IF NEW."seq" IS DISTINCT FROM coalesce(last_seq, 0) + 1
     OR NEW."prev_hash" IS DISTINCT FROM coalesce(last_hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'audit chain head moved: record % does not extend the head (record %)', NEW."seq", coalesce(last_seq, 0)
      USING ERRCODE = 'serialization_failure';
  END IF;
  IF NEW."hash" !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit records carry the keyed hash the service computed (64 hex digits)';
  END IF;
  RETURN NEW;
END $$;
