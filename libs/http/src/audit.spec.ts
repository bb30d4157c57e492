import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes } from './api-routes';
import { AUDIT_LIST_OBJECT_ID, type AuditEntry, type AuditRecordRow, createAuditTrail } from './audit';
import { AUDIT_CHAIN_GENESIS, auditRecordHmac, verifyAuditChain } from './audit-chain';
import { createHttpApp } from './create-app';
import { createLogger } from './logger';

const options = { chainKey: Buffer.alloc(32, 3) };

/** Stands in for the table and its chain trigger: refuses a row that does not extend the head. */
function recordingDelegate() {
  const inserts: AuditRecordRow[][] = [];
  const rows: AuditRecordRow[] = [];
  const headReads: number[] = [];
  const refused: AuditRecordRow[][] = [];
  return {
    inserts,
    rows,
    headReads,
    refused,
    async createMany(args: { data: AuditRecordRow[] }) {
      let head = rows[rows.length - 1] ?? { seq: 0n, hash: AUDIT_CHAIN_GENESIS };
      for (const row of args.data) {
        if (row.seq !== head.seq + 1n || row.prevHash !== head.hash) {
          refused.push(args.data);
          throw new Error('audit chain head moved');
        }
        head = row;
      }
      inserts.push(args.data);
      rows.push(...args.data);
      return { count: args.data.length };
    },
    async findFirst() {
      headReads.push(rows.length);
      const last = rows[rows.length - 1];
      return last ? { seq: last.seq, hash: last.hash } : null;
    },
  };
}

const entry = (objectId: string): AuditEntry => ({
  actor: 'med-1',
  action: 'case.list',
  objectType: 'case',
  objectId,
  requestId: 'ours-1',
});

describe('the audit trail', () => {
  it('writes the entries one list read records together in one INSERT', async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate, options);
    await Promise.all(['c1', 'c2', 'c3'].map((id) => trail.record(entry(id))));
    await trail.record(entry('c4'));
    expect(delegate.inserts.map((rows) => rows.map((row) => row.objectId))).toEqual([['c1', 'c2', 'c3'], ['c4']]);
    expect(delegate.inserts[0]?.[0]).toMatchObject({ ...entry('c1'), callerRequestId: null, status: null, seq: 1n });
  });

  it('gathers the entries recorded while an INSERT is in flight into the next one (group commit)', async () => {
    const delegate = recordingDelegate();
    let releaseFirst: () => void = () => undefined;
    const firstInsert = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const slowDelegate = {
      ...delegate,
      async createMany(args: { data: AuditRecordRow[] }) {
        if (delegate.inserts.length === 0) await firstInsert;
        return delegate.createMany(args);
      },
    };
    const trail = createAuditTrail(slowDelegate, options);
    const first = trail.record(entry('c1'));
    // Three requests in three later turns of the event loop, all while the first INSERT waits for its commit.
    const later: Promise<void>[] = [];
    for (const id of ['c2', 'c3', 'c4']) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(trail.record(entry(id)));
    }
    releaseFirst();
    await Promise.all([first, ...later]);
    expect(delegate.inserts.map((rows) => rows.map((row) => row.objectId))).toEqual([['c1'], ['c2', 'c3', 'c4']]);
    expect(delegate.rows.map((row) => row.seq)).toEqual([1n, 2n, 3n, 4n]);
  });

  it('writes a list read as one row naming every id, an empty page included, chained with the others', async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate, options);
    const list = (objectIds: string[]) => trail.record({ ...entry(AUDIT_LIST_OBJECT_ID), objectIds });
    const page = Array.from({ length: 20 }, (_, i) => `c${i}`);
    await list(page);
    await trail.record(entry('c1'));
    await list([]);
    expect(delegate.inserts.map((rows) => rows.length)).toEqual([1, 1, 1]);
    const [listed, single, empty] = delegate.rows;
    expect(listed).toMatchObject({ objectId: 'list', objectIds: page });
    // A record of one object leaves the column out (null), as every row written before it existed.
    expect(single && 'objectIds' in single).toBe(false);
    expect(empty).toMatchObject({ objectId: 'list', objectIds: [] });
    const stored = delegate.rows.map((row) => ({
      ...row,
      id: String(row.seq),
      seq: String(row.seq),
      objectIds: row.objectIds ?? null,
    }));
    const pages = async (afterSeq: string) => stored.filter((row) => BigInt(row.seq) > BigInt(afterSeq));
    expect(await verifyAuditChain(pages, { key: options.chainKey, keyedFromSeq: '1' })).toMatchObject({
      intact: true,
      records: 3,
    });
  });

  it('chains each row with the key onto the one before, reading the head only at the first write', async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate, options);
    await Promise.all([trail.record(entry('c1')), trail.record(entry('c2'))]);
    await trail.record(entry('c3'));
    const [first, second, third] = delegate.rows;
    expect(first?.prevHash).toBe(AUDIT_CHAIN_GENESIS);
    expect(second?.prevHash).toBe(first?.hash);
    expect(third?.prevHash).toBe(second?.hash);
    for (const row of delegate.rows) {
      expect(row.hash).toBe(
        auditRecordHmac(options.chainKey, { ...row, seq: String(row.seq), prevHash: row.prevHash }),
      );
    }
    expect(delegate.headReads).toEqual([0]);
  });

  it('re-chains onto the new head when another process appended in between', async () => {
    const delegate = recordingDelegate();
    const ours = createAuditTrail(delegate, options);
    const theirs = createAuditTrail(delegate, options);
    await ours.record(entry('c1'));
    await theirs.record(entry('c2'));
    await ours.record(entry('c3'));
    expect(delegate.rows.map((row) => [row.objectId, row.seq])).toEqual([
      ['c1', 1n],
      ['c2', 2n],
      ['c3', 3n],
    ]);
    expect(delegate.inserts).toHaveLength(3);
  });

  it('appends under the chain lock once another replica refused its INSERT, and keeps to it while others append', async () => {
    const delegate = recordingDelegate();
    const lockedAt: number[] = [];
    const ours = createAuditTrail(delegate, {
      ...options,
      underChainLock: async (append) => {
        lockedAt.push(delegate.rows.length);
        return append(delegate);
      },
    });
    const theirs = createAuditTrail(delegate, options);
    await ours.record(entry('c1'));
    await theirs.record(entry('c2'));
    await ours.record(entry('c3'));
    await theirs.record(entry('c4'));
    await ours.record(entry('c5'));
    expect(delegate.rows.map((row) => [row.objectId, row.seq])).toEqual([
      ['c1', 1n],
      ['c2', 2n],
      ['c3', 3n],
      ['c4', 4n],
      ['c5', 5n],
    ]);
    // Each single INSERT after the other's write was refused once (ours of c3, theirs of c4, re-chained); ours then
    // appended c3 under the lock, and c5 too without trying a single INSERT first.
    expect(delegate.refused.map((rows) => rows.map((row) => row.objectId))).toEqual([['c3'], ['c4']]);
    expect(lockedAt).toEqual([2, 4]);
  });

  it('goes back to single INSERTs once twenty locked appends in a row found nobody else had written', async () => {
    const delegate = recordingDelegate();
    let locked = 0;
    const ours = createAuditTrail(delegate, {
      ...options,
      underChainLock: async (append) => {
        locked += 1;
        return append(delegate);
      },
    });
    await ours.record(entry('c1'));
    await createAuditTrail(delegate, options).record(entry('theirs'));
    for (let n = 0; n < 21; n += 1) await ours.record(entry(`alone-${n}`));
    await ours.record(entry('last'));
    // The refused one and the run of twenty that found the head where ours left it; then one plain INSERT each.
    expect(locked).toBe(21);
    expect(delegate.rows).toHaveLength(24);
    expect(delegate.refused).toHaveLength(1);
  });

  it('recognises the trigger’s refusal as Prisma reports it on a driver adapter (P2034, the message in meta)', async () => {
    const delegate = recordingDelegate();
    const ours = createAuditTrail(delegate, options);
    await ours.record(entry('c1'));
    const theirs = createAuditTrail(delegate, options);
    await theirs.record(entry('c2'));
    const insert = delegate.createMany.bind(delegate);
    delegate.createMany = async (args) => {
      try {
        return await insert(args);
      } catch {
        // What PrismaClientKnownRequestError carries: a generic message, PostgreSQL's own in `meta`.
        throw Object.assign(new Error('Transaction failed due to a write conflict or a deadlock. Please retry'), {
          code: 'P2034',
          meta: {
            driverAdapterError: {
              cause: { originalCode: '40001', originalMessage: 'audit chain head moved: record 2 does not extend' },
            },
          },
        });
      }
    };
    await ours.record(entry('c3'));
    expect(delegate.rows.map((row) => [row.objectId, row.seq])).toEqual([
      ['c1', 1n],
      ['c2', 2n],
      ['c3', 3n],
    ]);
  });

  it('fails every entry of a batch whose INSERT failed, so no read goes unaudited silently', async () => {
    const trail = createAuditTrail(
      {
        createMany: async () => {
          throw new Error('connection lost');
        },
        findFirst: async () => null,
      },
      options,
    );
    const results = await Promise.allSettled([trail.record(entry('c1')), trail.record(entry('c2'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it("files a request's entries under our request id, with the caller's own id beside it", async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate, options);
    const routes = new ApiRoutes({ callers: ['staff'] }).add({
      method: 'get',
      path: '/api/v1/cases/:id',
      operationId: 'getCase',
      summary: 'Read a case',
      params: z.object({ id: z.string() }),
      response: { status: 200, description: 'ok', schema: z.object({}) },
      handler: async ({ params, req }) => {
        await trail.record({ ...entry(params.id), action: 'case.read', requestId: req.requestId });
        return { body: {} };
      },
    });
    const app = createHttpApp({
      logger: createLogger('test', 'silent'),
      openapi: { title: 't', version: '1' },
      routes: [routes],
      policy: { callerOf: () => 'staff' },
    });
    const res = await request(app).get('/api/v1/cases/c9').set('X-Request-Id', 'caller-chosen-1');
    expect(res.status).toBe(200);
    expect(delegate.inserts).toEqual([
      [
        expect.objectContaining({
          objectId: 'c9',
          requestId: res.headers['x-request-id'],
          callerRequestId: 'caller-chosen-1',
        }),
      ],
    ]);
  });
});
