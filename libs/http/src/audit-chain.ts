/**
 * The hash chain of every service's `audit_records` table. Each row carries the next `seq`, the previous row's hash as
 * `prev_hash`, and `hash` over its canonical content.
 *
 * Keyed (`gongzhi-audit-v2`, every row from the table's `audit_chain_keyed_from` marker on): `hash` is HMAC-SHA-256 with
 * the service's audit chain key (AUDIT_CHAIN_KEY_FILE), which the database never holds. The service computes it
 * (audit.ts); the database only checks that each row extends the head. So a role that can switch the triggers off and
 * rewrite rows still cannot make a chain that verifies: it would need the key.
 *
 * Unkeyed (`gongzhi-audit-v1`, only rows written before the key existed, below the marker): plain SHA-256, as the
 * migration `*_audit_append_only_chain` computed it. The first keyed row's HMAC covers the last unkeyed hash, which
 * covers every row before it; so that prefix cannot change either without breaking the first keyed row.
 *
 * Keyed, naming many objects (`gongzhi-audit-v3`, a row with `object_ids`: one list read names every id it returned):
 * the v2 content followed by the number of ids and each id in order. Which version a row is follows from its own
 * `object_ids` (null: v2), so rows written before the column keep verifying unchanged, and nulling, adding, removing
 * or reordering ids changes the version or the content the HMAC covers.
 *
 * Canonical content: the fields below in this order, each written as `<UTF-8 byte length>:<value>;`, or `~;` for
 * null; `at` as integer milliseconds since the epoch.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** `prev_hash` of the first record. */
export const AUDIT_CHAIN_GENESIS = '0'.repeat(64);

/** One stored audit record, as read back for verification. */
export interface ChainedAuditRecord {
  id: string;
  seq: string;
  prevHash: string;
  hash: string;
  at: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
  callerRequestId: string | null;
  status: number | null;
  /** The ids a list read named (`object_ids`); null or absent for a record of one object. */
  objectIds?: readonly string[] | null;
}

function field(value: string | null): string {
  return value === null ? '~;' : `${Buffer.byteLength(value, 'utf8')}:${value};`;
}

type ChainContent = Omit<ChainedAuditRecord, 'id' | 'hash'>;

function canonical(version: string, record: ChainContent): string {
  return (
    `${version};` +
    field(record.seq) +
    field(record.prevHash) +
    field(String(record.at.getTime())) +
    field(record.actor) +
    field(record.action) +
    field(record.objectType) +
    field(record.objectId) +
    field(record.requestId) +
    field(record.callerRequestId) +
    field(record.status === null ? null : String(record.status)) +
    // v3 only: the count first, so the ids that follow cannot be read as another split of the same characters.
    (version === 'gongzhi-audit-v3' ? [String(record.objectIds?.length ?? 0), ...(record.objectIds ?? [])] : [])
      .map(field)
      .join('')
  );
}

/** Whether a record names many objects (and so is hashed as `gongzhi-audit-v3`). */
function namesMany(record: Pick<ChainedAuditRecord, 'objectIds'>): boolean {
  return record.objectIds !== undefined && record.objectIds !== null;
}

/** The unkeyed hash of a row written before the chain was keyed (the database's `audit_record_hash()`). */
export function auditRecordHash(record: ChainContent): string {
  return createHash('sha256').update(canonical('gongzhi-audit-v1', record), 'utf8').digest('hex');
}

/** The keyed hash the service stores for this content and position: v3 when it names many objects, else v2. */
export function auditRecordHmac(key: Buffer, record: ChainContent): string {
  const version = namesMany(record) ? 'gongzhi-audit-v3' : 'gongzhi-audit-v2';
  return createHmac('sha256', key).update(canonical(version, record), 'utf8').digest('hex');
}

/**
 * Reads a service's audit chain key: a file holding base64 of 32 random bytes (`openssl rand -base64 32`). The error
 * never repeats the file's content.
 */
export function readAuditChainKey(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`AUDIT_CHAIN_KEY_FILE ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length !== 32) {
    throw new Error(
      `AUDIT_CHAIN_KEY_FILE ${file} must hold base64 of 32 random bytes (make one with \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A head recorded elsewhere earlier (`seq:hash`): the chain must still contain exactly that record. */
export interface AuditChainAnchor {
  seq: string;
  hash: string;
}

/** Parses `seq:hash` as `audit:verify` prints it; undefined when it is not one. */
export function parseAuditChainAnchor(text: string): AuditChainAnchor | undefined {
  const match = /^\s*(\d{1,19}):([0-9a-f]{64})\s*$/.exec(text);
  return match ? { seq: String(BigInt(match[1] ?? '0')), hash: match[2] ?? '' } : undefined;
}

export interface VerifyAuditChainOptions {
  /** The service's audit chain key: rows from `keyedFromSeq` on must carry its HMAC. */
  key: Buffer;
  /** The first keyed row (`audit_chain_keyed_from`): rows before it predate the key and carry the unkeyed hash. */
  keyedFromSeq: string;
  /** Heads recorded earlier: each must still be in the chain, so rows cut off after it are noticed. */
  anchors?: readonly AuditChainAnchor[];
  pageSize?: number;
}

export type AuditChainReport =
  | { intact: true; records: number; head: { seq: string; hash: string } | null }
  | {
      intact: false;
      /** Records found intact before the break. */
      records: number;
      /** The first record that does not fit the chain (or the anchor it no longer reaches), and why. */
      broken: { id: string | null; seq: string; reason: string };
    };

/** Reads records in `seq` order: those after `afterSeq` (a decimal string), at most `limit`. */
export type AuditRecordPages = (afterSeq: string, limit: number) => Promise<ChainedAuditRecord[]>;

/**
 * Walks the whole chain from its first record and reports the first broken link: a record whose content no longer
 * matches its hash (changed; with the key, also changed and re-hashed without it), whose `prev_hash` is not the hash
 * of the record before it (one was changed and re-hashed, or inserted), or whose `seq` skips (one was deleted). Reads
 * in pages, so any table size fits in memory.
 *
 * What a chain cannot show on its own: rows cut off the end (the chain just ends earlier). That is what `anchors` are
 * for: heads printed earlier and kept elsewhere; each must still be in the chain with the same hash.
 */
export async function verifyAuditChain(
  pages: AuditRecordPages,
  options: VerifyAuditChainOptions,
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 1_000;
  const keyedFrom = BigInt(options.keyedFromSeq);
  const anchors = new Map((options.anchors ?? []).map((anchor) => [BigInt(anchor.seq), anchor.hash]));
  let expectedSeq = 1n;
  let previousHash = AUDIT_CHAIN_GENESIS;
  let records = 0;
  let head: { seq: string; hash: string } | null = null;
  // Starts below 1, so a record with a forged seq of 0 or less is seen too.
  let afterSeq = '-9223372036854775808';
  for (;;) {
    const page = await pages(afterSeq, pageSize);
    for (const record of page) {
      const breakAt = (reason: string): AuditChainReport => ({
        intact: false,
        records,
        broken: { id: record.id, seq: record.seq, reason },
      });
      if (BigInt(record.seq) !== expectedSeq) {
        return breakAt(
          BigInt(record.seq) > expectedSeq
            ? `records ${expectedSeq}–${BigInt(record.seq) - 1n} of the chain are missing (deleted)`
            : `seq ${record.seq} is out of place (expected ${expectedSeq}): the record was not appended by the chain`,
        );
      }
      if (record.prevHash !== previousHash) {
        return breakAt(
          expectedSeq === 1n
            ? 'the first record does not start the chain'
            : `it does not link to record ${expectedSeq - 1n}: that record was changed and re-hashed, or this one ` +
                'was slipped in',
        );
      }
      const keyed = expectedSeq >= keyedFrom;
      // The unkeyed hash never covered object_ids (the column came after the key): ids there were added later.
      if (!keyed && namesMany(record)) {
        return breakAt('it names objects (object_ids) that no record written before the key had: they were added');
      }
      const expected = keyed ? auditRecordHmac(options.key, record) : auditRecordHash(record);
      if (!sameHex(expected, record.hash)) {
        return breakAt(
          keyed
            ? 'its hash is not the keyed hash of its content: the record was changed after it was written (and ' +
                "re-hashed, if at all, without the audit chain key), or the key given is not this service's"
            : 'its content does not match its hash: the record was changed after it was written',
        );
      }
      const anchored = anchors.get(expectedSeq);
      if (anchored !== undefined && anchored !== record.hash) {
        return breakAt(
          `it is not the record anchored at seq ${record.seq} (hash ${anchored}): the chain was rewritten`,
        );
      }
      previousHash = record.hash;
      head = { seq: record.seq, hash: record.hash };
      expectedSeq += 1n;
      records += 1;
      afterSeq = record.seq;
    }
    if (page.length < pageSize) break;
  }
  const lost = [...anchors.keys()].filter((seq) => seq >= expectedSeq).sort((a, b) => (a < b ? -1 : 1))[0];
  if (lost !== undefined) {
    return {
      intact: false,
      records,
      broken: {
        id: null,
        seq: String(lost),
        reason:
          `the chain ends at record ${expectedSeq - 1n}, before the head anchored at seq ${lost}: ` +
          `records ${expectedSeq}–${lost} (at least) were cut off the end`,
      },
    };
  }
  return { intact: true, records, head };
}
