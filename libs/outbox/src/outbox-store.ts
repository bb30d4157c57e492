import { Client, Pool, type PoolClient } from 'pg';
import { OUTBOX_CHANNEL, OUTBOX_TABLE } from './sql';

/** An outbox row claimed for publishing. */
export interface ClaimedEvent {
  /** Position in the outbox (bigint, as text): publishing follows it. */
  seq: string;
  id: string;
  topic: string;
  key: string;
  /** The CloudEvent, serialised: the message value. */
  value: string;
}

export interface OutboxStore {
  /**
   * Claims up to `limit` unsent events, hands them to `publish` and marks them sent, in one transaction: if `publish`
   * throws, or the process dies before the commit, the rows stay unsent and are claimed again. Returns how many rows
   * were published.
   */
  publishBatch(limit: number, publish: (events: ClaimedEvent[]) => Promise<void>): Promise<number>;
  /** Unsent events, for readiness and metrics. */
  backlog(): Promise<number>;
  /**
   * Calls `onWrite` whenever a transaction that wrote outbox rows commits (any process on the database), until the
   * returned function is called. Best effort: polling stays the guarantee, this only makes the relay prompt.
   */
  listen?(onWrite: () => void): () => Promise<void>;
  close(): Promise<void>;
}

/**
 * Oldest unsent rows first, locked with SKIP LOCKED so a second relay takes the next rows instead of waiting or
 * sending the same ones. A row is held back when an earlier unsent row of the same key is not in this batch (another
 * relay has it, or it fell beyond the limit): publishing it now could overtake that row, and one aggregate's events
 * must reach Kafka in order. It is claimed again once the earlier row is sent.
 */
const CLAIM_SQL = `
WITH claimed AS MATERIALIZED (
  SELECT seq, id, topic, key, event
    FROM ${OUTBOX_TABLE}
   WHERE sent_at IS NULL
   ORDER BY seq
   LIMIT $1
     FOR UPDATE SKIP LOCKED
)
SELECT c.seq::text AS seq, c.id::text AS id, c.topic, c.key, c.event::text AS value
  FROM claimed c
 WHERE NOT EXISTS (
         SELECT 1 FROM ${OUTBOX_TABLE} e
          WHERE e.key = c.key AND e.sent_at IS NULL AND e.seq < c.seq
            AND e.seq NOT IN (SELECT seq FROM claimed))
 ORDER BY c.seq`;

const MARK_SQL = `UPDATE ${OUTBOX_TABLE} SET sent_at = now() WHERE seq = ANY($1::bigint[])`;

export interface PgOutboxStoreOptions {
  /** The service's own database (its own role). */
  connectionString: string;
  /** Wait before reconnecting a listening connection that dropped (database restart). */
  relistenAfterMs?: number;
  /** Upper bound for one claim-publish-mark transaction; a hung publish must not hold row locks for ever. */
  statementTimeoutMs?: number;
}

/** The outbox on PostgreSQL, through its own small pool (the relay holds one connection while it publishes). */
export function createPgOutboxStore(options: PgOutboxStoreOptions): OutboxStore {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: 2,
    // Locks are released when the session ends, so a relay that dies mid-batch never blocks another for long.
    idle_in_transaction_session_timeout: options.statementTimeoutMs ?? 120_000,
  });
  // An idle client's connection dropping (database restart) must not crash the service; the next claim reconnects.
  pool.on('error', () => undefined);

  async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    // A client out of the pool has no listener of the pool's: its connection dropping between statements (a database
    // restart while the batch is being published) must fail this transaction, not crash the service.
    const dropped = () => {
      broken = true;
    };
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.removeListener('error', dropped);
      client.release(broken);
    }
  }

  return {
    publishBatch(limit, publish) {
      return inTransaction(async (client) => {
        const { rows } = await client.query<ClaimedEvent>(CLAIM_SQL, [limit]);
        if (rows.length === 0) return 0;
        await publish(rows);
        await client.query(MARK_SQL, [rows.map((row) => row.seq)]);
        return rows.length;
      });
    },

    async backlog() {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${OUTBOX_TABLE} WHERE sent_at IS NULL`,
      );
      return Number(rows[0]?.n ?? 0);
    },

    listen(onWrite) {
      let closed = false;
      let client: Client | undefined;
      let retry: NodeJS.Timeout | undefined;
      const connect = async () => {
        if (closed) return;
        const next = new Client({ connectionString: options.connectionString });
        const drop = () => {
          if (client !== next) return;
          client = undefined;
          next.end().catch(() => undefined);
          // Writes go on being found by polling meanwhile; listening resumes once the database answers again.
          if (!closed) retry = setTimeout(() => void connect(), options.relistenAfterMs ?? 5_000);
        };
        client = next;
        next.on('error', drop);
        next.on('end', drop);
        next.on('notification', () => onWrite());
        try {
          await next.connect();
          await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
          // Rows written before the LISTEN took effect are there for the next claim.
          onWrite();
        } catch {
          drop();
        }
      };
      void connect();
      return async () => {
        closed = true;
        clearTimeout(retry);
        const current = client;
        client = undefined;
        await current?.end().catch(() => undefined);
      };
    },

    close: () => pool.end(),
  };
}
