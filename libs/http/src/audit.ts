import type { AuditAction } from '@gongzhi/contracts';
import { AUDIT_CHAIN_GENESIS, auditRecordHmac } from './audit-chain';
import { currentRequestIds } from './request-context';

/**
 * `object_id` of a record naming many objects: a list read records one row per request, with every id it returned in
 * `objectIds` (none for an empty page, which is still a read on record). Ids are UUIDs, so it never names an object.
 */
export const AUDIT_LIST_OBJECT_ID = 'list';

/** One entry of a service's append-only audit table: who read or changed what, when, in which request. */
export interface AuditEntry {
  actor: string;
  /** One of the contracts' closed set of audit names (`AUDIT_ACTIONS`). */
  action: AuditAction;
  objectType: string;
  /** The object; AUDIT_LIST_OBJECT_ID for a list read, whose ids are in `objectIds`. */
  objectId: string;
  /** Every object a list read returned, in its order: the whole page in one row. */
  objectIds?: readonly string[];
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

/** A row's content as the service records it; the chain fields are added when it is written. */
export interface AuditRecordInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  requestId: string;
  callerRequestId: string | null;
  status: number | null;
  /** Present only on a record naming many objects; left out, the column stays null (a record of one object). */
  objectIds?: string[];
}

/** A row as it is inserted: its content, its time and its place in the keyed hash chain. */
export interface AuditRecordRow extends AuditRecordInput {
  at: Date;
  seq: bigint;
  prevHash: string;
  hash: string;
}

/**
 * The Prisma delegate every service's `AuditRecord` model provides; typed structurally so this library needs no
 * service's generated client. Rows are only inserted (the table is append-only: its triggers refuse the rest); the
 * head is read once at the first write and again only when another process moved it.
 */
export interface AuditRecordDelegate {
  createMany(args: { data: AuditRecordRow[] }): PromiseLike<unknown>;
  findFirst(args: {
    orderBy: { seq: 'desc' };
    select: { seq: true; hash: true };
  }): PromiseLike<{ seq: bigint; hash: string } | null>;
}

export interface AuditTrailOptions {
  /** The service's audit chain key (AUDIT_CHAIN_KEY_FILE, 32 bytes); the database never holds it. */
  chainKey: Buffer;
  /**
   * Runs `append` in one transaction that first takes the chain's lock (`takeAuditChainLock`), so the head it reads
   * cannot move before its INSERT commits. Given it, a process that finds others appending (replicas behind a
   * balancer) appends under the lock until it writes alone again, instead of racing them; without it (a trail bound
   * to a caller's transaction) a refused INSERT is re-chained and tried again.
   */
  underChainLock?: <T>(append: (delegate: AuditRecordDelegate) => Promise<T>) => Promise<T>;
}

/**
 * The lock the chain trigger takes for each row (migration `*_audit_chain_keyed`: the key spells "AUDIT" in ASCII);
 * advisory transaction locks stack, so the trigger taking it again in the same transaction does not wait.
 */
export const AUDIT_CHAIN_LOCK_KEY = 280603412820n;

/** Raw SQL on a transaction, which taking the chain's lock needs. */
export interface RawExecute {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/**
 * Takes the chain's lock until `tx` ends: a head read after it cannot move before the transaction's own appends
 * commit, so they are never refused (a transaction could not retry one), and every other appender waits for the commit.
 */
export async function takeAuditChainLock(tx: RawExecute): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
}

/** The chain trigger's refusal of a row that does not extend the head (migration `*_audit_chain_keyed`). */
const HEAD_MOVED = 'audit chain head moved';
/** Attempts per batch when other processes keep appending in between. */
const MAX_ATTEMPTS = 5;

/** Prisma on a driver adapter reports PostgreSQL's own message in `meta` (P2034 `driverAdapterError.cause`). */
function metaText(error: unknown): string {
  try {
    return JSON.stringify((error as { meta?: unknown }).meta ?? null) ?? '';
  } catch {
    return '';
  }
}

function headMoved(error: unknown): boolean {
  const text =
    error instanceof Error
      ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')} ${metaText(error)}`
      : '';
  // The trigger's own refusal, or (a writer that raced past it) the unique index on seq.
  return (
    text.includes(HEAD_MOVED) || /audit_records_seq_key|Unique constraint failed on the fields: \(`seq`\)/.test(text)
  );
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at a dozen per row. */
const MAX_BATCH = 500;
/**
 * Appends under the lock in a row that found the head where this process left it, after which it goes back to single
 * INSERTs: other writers have stopped (or there were none but a one-off).
 */
const ALONE_AFTER_LOCKED_APPENDS = 20;

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
    ...(entry.objectIds ? { objectIds: [...entry.objectIds] } : {}),
  };
}

/**
 * The audit trail on the service's `audit_records` table, hash-chained with the service's key: each row's `hash` is
 * HMAC-SHA-256 over its content and the previous row's hash (audit-chain.ts), computed here, so the database (and
 * whoever can rewrite its rows) never holds what it takes to forge a row.
 *
 * The chain stays linear across processes the way it did before: the database's chain trigger takes one advisory lock
 * per database and refuses a row that does not extend the head it sees (and `seq` is unique). This process keeps the
 * head it last wrote, so a write is still one INSERT; when another process appended in between, the INSERT is refused.
 * Then, with `underChainLock`, the batch and the writes after it are appended under the chain's lock (lock, read the
 * head, INSERT, commit), which cannot be refused, until a run of them finds nobody else wrote: racing replicas would
 * otherwise refuse each other's INSERTs until one ran out of attempts and its request failed. Without it the batch is
 * re-chained on the head read back and tried again. Within the process writes go one at a time.
 *
 * A list read records one entry naming every id it returned (`objectIds`, hashed as `gongzhi-audit-v3`). Entries are
 * group-committed: those recorded in the same turn of the event loop, and all those recorded while an INSERT is in
 * flight (other requests' included), go into the next INSERT, so concurrent readers share one commit instead of
 * queueing behind one commit each. A caller's promise settles when its row is committed (or the INSERT failed).
 */
export function createAuditTrail(delegate: AuditRecordDelegate, options: AuditTrailOptions): AuditTrail {
  type Waiting = { row: AuditRecordInput; resolve: () => void; reject: (error: unknown) => void };
  /** Entries waiting for the next INSERT. */
  let waiting: Waiting[] = [];
  /** Whether a drain is scheduled or writing; it takes whatever has gathered until nothing is left. */
  let draining = false;
  let head: { seq: bigint; hash: string } | undefined;
  /** Locked appends still to make before trying single INSERTs again; 0 while this process writes alone. */
  let lockedAppendsLeft = 0;

  async function readHead(from: AuditRecordDelegate = delegate): Promise<{ seq: bigint; hash: string }> {
    const latest = await from.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
    return latest ?? { seq: 0n, hash: AUDIT_CHAIN_GENESIS };
  }

  function chain(rows: AuditRecordInput[], from: { seq: bigint; hash: string }): AuditRecordRow[] {
    // One time for the batch, to the millisecond (what the column keeps and the hash covers).
    const at = new Date();
    let previous = from;
    return rows.map((row) => {
      const seq = previous.seq + 1n;
      const content = { ...row, at, seq: String(seq), prevHash: previous.hash };
      const hash = auditRecordHmac(options.chainKey, content);
      previous = { seq, hash };
      return { ...row, at, seq, prevHash: content.prevHash, hash };
    });
  }

  const headAfter = (chained: AuditRecordRow[], from: { seq: bigint; hash: string }) => {
    const last = chained[chained.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : from;
  };

  async function insertLocked(
    rows: AuditRecordInput[],
    underChainLock: NonNullable<AuditTrailOptions['underChainLock']>,
  ): Promise<void> {
    const known = head;
    const written = await underChainLock(async (locked) => {
      const from = await readHead(locked);
      const chained = chain(rows, from);
      await locked.createMany({ data: chained });
      const alone = known !== undefined && from.seq === known.seq && from.hash === known.hash;
      return { head: headAfter(chained, from), alone };
    });
    // Only once committed: a transaction that failed (at its commit too) left the head where it was.
    head = written.head;
    lockedAppendsLeft = written.alone ? lockedAppendsLeft - 1 : ALONE_AFTER_LOCKED_APPENDS;
  }

  async function insert(rows: AuditRecordInput[]): Promise<void> {
    const { underChainLock } = options;
    if (underChainLock && lockedAppendsLeft > 0) {
      await insertLocked(rows, underChainLock);
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      const from = head ?? (await readHead());
      const chained = chain(rows, from);
      try {
        await delegate.createMany({ data: chained });
        head = headAfter(chained, from);
        return;
      } catch (error) {
        head = undefined;
        if (!headMoved(error)) throw error;
        if (underChainLock) {
          // Not alone: the locked append starts a run of them (insertLocked counts it as found not alone).
          await insertLocked(rows, underChainLock);
          return;
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async function write(batch: Waiting[]): Promise<void> {
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      const slice = batch.slice(start, start + MAX_BATCH);
      try {
        await insert(slice.map((waiting) => waiting.row));
        for (const waiting of slice) waiting.resolve();
      } catch (error) {
        for (const waiting of slice) waiting.reject(error);
      }
    }
  }

  async function drain(): Promise<void> {
    // One write at a time, each starting from the head the previous one left; `write` settles every entry itself.
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await write(batch);
      } catch (error) {
        // Not expected (write settles its entries), but a drain that stopped here would leave every later read waiting.
        for (const entry of batch) entry.reject(error);
      }
    }
    draining = false;
  }

  return {
    record(entry) {
      // The row is built now, inside the request's scope, so it carries the caller's request id.
      const row = inputOf(entry);
      return new Promise<void>((resolve, reject) => {
        waiting.push({ row, resolve, reject });
        if (draining) return;
        draining = true;
        // Everything recorded in this turn of the event loop (e.g. a map over a page of results) joins the batch.
        queueMicrotask(() => void drain());
      });
    },
  };
}

/** What a service's Prisma client offers the audit trail: its table, and a transaction with raw SQL on it. */
export interface AuditTrailClient {
  auditRecord: AuditRecordDelegate;
  $transaction<T>(
    work: (tx: RawExecute & { auditRecord: AuditRecordDelegate }) => Promise<T>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: 'ReadCommitted' },
  ): Promise<T>;
}

/** The audit trail on a service's own Prisma client, appending under the chain's lock while other replicas append. */
export function createPrismaAuditTrail(client: AuditTrailClient, options: Pick<AuditTrailOptions, 'chainKey'>) {
  return createAuditTrail(client.auditRecord, {
    ...options,
    underChainLock: (append) =>
      client.$transaction(
        async (tx) => {
          await takeAuditChainLock(tx);
          return append(tx.auditRecord);
        },
        // The chain trigger reads the head under READ COMMITTED only, whatever the database's default; waiting for
        // the lock (a transaction-bound trail holds it until its own commit) counts against the timeout, which is
        // Prisma's 5 s otherwise: a slow lock must not fail the requests whose reads it records.
        { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 30_000 },
      ),
  });
}
