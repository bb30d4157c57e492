/**
 * The hash chain of every service's `audit_records` table. The database writes it (the chain trigger of each
 * service's migration `*_audit_append_only_chain`): each row gets the next `seq`, the previous row's hash as
 * `prev_hash`, and `hash` = SHA-256 over its canonical content. This file computes the same hash in TypeScript and
 * walks a chain, so a verifier that trusts nothing in the database can tell whether any row was changed, removed or
 * slipped in since it was written.
 *
 * Canonical content (version `gongzhi-audit-v1`): the fields below in this order, each written as
 * `<UTF-8 byte length>:<value>;`, or `~;` for null; `at` as integer milliseconds since the epoch.
 */
import { createHash } from 'node:crypto';

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
}

function field(value: string | null): string {
  return value === null ? '~;' : `${Buffer.byteLength(value, 'utf8')}:${value};`;
}

/** The hash the chain trigger stores for this content and position. */
export function auditRecordHash(record: Omit<ChainedAuditRecord, 'id' | 'hash'>): string {
  const canonical =
    'gongzhi-audit-v1;' +
    field(record.seq) +
    field(record.prevHash) +
    field(String(record.at.getTime())) +
    field(record.actor) +
    field(record.action) +
    field(record.objectType) +
    field(record.objectId) +
    field(record.requestId) +
    field(record.callerRequestId) +
    field(record.status === null ? null : String(record.status));
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type AuditChainReport =
  | { intact: true; records: number; head: { seq: string; hash: string } | null }
  | {
      intact: false;
      /** Records found intact before the break. */
      records: number;
      /** The first record that does not fit the chain, and why. */
      broken: { id: string; seq: string; reason: string };
    };

/** Reads records in `seq` order: those after `afterSeq` (a decimal string), at most `limit`. */
export type AuditRecordPages = (afterSeq: string, limit: number) => Promise<ChainedAuditRecord[]>;

/**
 * Walks the whole chain from its first record and reports the first broken link: a record whose content no longer
 * matches its hash (changed), whose `prev_hash` is not the hash of the record before it (one was changed and re-hashed,
 * or inserted), or whose `seq` skips (one was deleted). Reads in pages, so any table size fits in memory.
 *
 * What a chain cannot show on its own: rows cut off the end (the chain just ends earlier). Compare the reported head
 * with one recorded elsewhere earlier to rule that out.
 */
export async function verifyAuditChain(pages: AuditRecordPages, pageSize = 1_000): Promise<AuditChainReport> {
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
      if (auditRecordHash(record) !== record.hash) {
        return breakAt('its content does not match its hash: the record was changed after it was written');
      }
      previousHash = record.hash;
      head = { seq: record.seq, hash: record.hash };
      expectedSeq += 1n;
      records += 1;
      afterSeq = record.seq;
    }
    if (page.length < pageSize) return { intact: true, records, head };
  }
}
