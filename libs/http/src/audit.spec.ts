import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes } from './api-routes';
import { type AuditRecordInput, createAuditTrail } from './audit';
import { createHttpApp } from './create-app';
import { createLogger } from './logger';

function recordingDelegate() {
  const inserts: AuditRecordInput[][] = [];
  return {
    inserts,
    async createMany(args: { data: AuditRecordInput[] }) {
      inserts.push(args.data);
      return { count: args.data.length };
    },
  };
}

const entry = (objectId: string) => ({
  actor: 'med-1',
  action: 'case.list',
  objectType: 'case',
  objectId,
  requestId: 'ours-1',
});

describe('the audit trail', () => {
  it('writes the entries one list read records together in one INSERT', async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate);
    await Promise.all(['c1', 'c2', 'c3'].map((id) => trail.record(entry(id))));
    await trail.record(entry('c4'));
    expect(delegate.inserts.map((rows) => rows.map((row) => row.objectId))).toEqual([['c1', 'c2', 'c3'], ['c4']]);
    expect(delegate.inserts[0]?.[0]).toEqual({ ...entry('c1'), callerRequestId: null, status: null });
  });

  it('fails every entry of a batch whose INSERT failed, so no read goes unaudited silently', async () => {
    const trail = createAuditTrail({
      createMany: async () => {
        throw new Error('connection lost');
      },
    });
    const results = await Promise.allSettled([trail.record(entry('c1')), trail.record(entry('c2'))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it("files a request's entries under our request id, with the caller's own id beside it", async () => {
    const delegate = recordingDelegate();
    const trail = createAuditTrail(delegate);
    const routes = new ApiRoutes().add({
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
