import { currentRequestIds } from './request-context';

/** One entry of a service's append-only audit table: who read or changed what, when, in which request. */
export interface AuditEntry {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  /** The id this service gave the request (never one a caller chose). */
  requestId: string;
  /** The caller's own X-Request-Id; taken from the request being served when left out. */
  callerRequestId?: string;
  /** The HTTP status of a refused request (`<object>.refused`); absent for reads and changes that went through. */
  status?: number;
}

export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

/** A row as the service writes it; the database adds the time and the hash chain (seq, prev_hash, hash). */
export interface AuditRecordInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
  callerRequestId: string | null;
  status: number | null;
}

/**
 * The Prisma delegate every service's `AuditRecord` model provides; typed structurally so this library needs no
 * service's generated client. Only inserts are used: the table is append-only (its triggers refuse the rest).
 */
export interface AuditRecordDelegate {
  createMany(args: { data: AuditRecordInput[] }): PromiseLike<unknown>;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 7 per row. */
const MAX_BATCH = 500;

function inputOf(entry: AuditEntry): AuditRecordInput {
  const current = currentRequestIds();
  const callerRequestId =
    entry.callerRequestId ?? (current?.requestId === entry.requestId ? current.callerRequestId : undefined);
  return {
    actor: entry.actor,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    requestId: entry.requestId,
    callerRequestId: callerRequestId ?? null,
    status: entry.status ?? null,
  };
}

/**
 * The audit trail on the service's `audit_records` table. Every append goes through the database's chain trigger,
 * which serialises appends (one advisory lock per database) and hashes each row onto the previous one; so entries
 * recorded together (a list read audits every item it returns, in one `Promise.all`) are gathered into one INSERT:
 * one lock and one round trip for the whole list instead of one per item. A caller's promise settles when its row is
 * committed (or the INSERT failed).
 */
export function createAuditTrail(delegate: AuditRecordDelegate): AuditTrail {
  type Waiting = { row: AuditRecordInput; resolve: () => void; reject: (error: unknown) => void };
  let gathering: Waiting[] | undefined;

  async function write(batch: Waiting[]): Promise<void> {
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      const slice = batch.slice(start, start + MAX_BATCH);
      try {
        await delegate.createMany({ data: slice.map((waiting) => waiting.row) });
        for (const waiting of slice) waiting.resolve();
      } catch (error) {
        for (const waiting of slice) waiting.reject(error);
      }
    }
  }

  return {
    record(entry) {
      // The row is built now, inside the request's scope, so it carries the caller's request id.
      const row = inputOf(entry);
      return new Promise<void>((resolve, reject) => {
        if (!gathering) {
          const batch: Waiting[] = [];
          gathering = batch;
          // Everything recorded in this turn of the event loop (e.g. a map over a page of results) joins the batch.
          queueMicrotask(() => {
            gathering = undefined;
            void write(batch);
          });
        }
        gathering.push({ row, resolve, reject });
      });
    },
  };
}
