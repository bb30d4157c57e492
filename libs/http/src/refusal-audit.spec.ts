import type { Request } from 'express';
import request from 'supertest';
import { ForbiddenError, NotFoundError } from '@gongzhi/errors';
import { z } from 'zod';
import { ApiRoutes } from './api-routes';
import type { AuditEntry, AuditTrail } from './audit';
import { createHttpApp } from './create-app';
import { createLogger } from './logger';
import { currentRequestIds } from './request-context';

const PARTY_ID = '7f8d2b70-5a0e-4d5e-9a55-0b1c1c7f0c11';

function buildApp() {
  const entries: AuditEntry[] = [];
  const trail: AuditTrail = {
    async record(entry) {
      entries.push(entry);
    },
  };
  const routes = new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'get',
      path: '/api/v1/parties/:id',
      operationId: 'getParty',
      summary: 'Read a party',
      params: z.object({ id: z.string().uuid() }),
      response: { status: 200, description: 'The party', schema: z.object({ id: z.string() }) },
      handler: async ({ params, req }) => {
        if (req.get('x-test-exists') !== 'yes') throw new NotFoundError('party', params.id);
        await trail.record({
          actor: 'reader',
          action: 'party.read',
          objectType: 'party',
          objectId: params.id,
          requestId: req.requestId,
        });
        return { body: { id: params.id } };
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/agencies',
      operationId: 'createAgency',
      summary: 'Administrators only',
      response: { status: 201, description: 'never', schema: z.object({}) },
      handler: async () => {
        throw new ForbiddenError('Only administrator staff may create agencies.');
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/ids',
      operationId: 'ids',
      summary: 'The ids this request runs under',
      response: { status: 200, description: 'ids', schema: z.object({}).passthrough() },
      handler: async () => ({ body: { ...currentRequestIds() } }),
    });
  const app = createHttpApp({
    logger: createLogger('test', 'silent'),
    openapi: { title: 'Refusals', version: '1' },
    routes: [routes],
    policy: { callerOf: () => 'staff' },
    before: [
      (req, _res, next) => {
        // Stands in for authentication; `/internal` is refused to everyone before any route matches.
        if (req.path.startsWith('/internal')) next(new ForbiddenError('Only the workflow engine may call this.'));
        else next();
      },
    ],
    refusals: { trail, actorOf: (req: Request) => req.get('x-test-actor') },
  });
  return { app, entries };
}

describe('refused requests are audited', () => {
  it('records a 404 on an object with the object, the status and our request id', async () => {
    const { app, entries } = buildApp();
    const res = await request(app)
      .get(`/api/v1/parties/${PARTY_ID}?phone=13800138000`)
      .set('x-test-actor', 'staff-1')
      .set('X-Request-Id', 'caller-7');
    expect(res.status).toBe(404);
    expect(entries).toEqual([
      {
        actor: 'staff-1',
        action: 'party.refused',
        objectType: 'party',
        objectId: PARTY_ID,
        requestId: res.headers['x-request-id'],
        status: 404,
      },
    ]);
    // Only ids and codes: nothing from the query string.
    expect(JSON.stringify(entries)).not.toContain('13800138000');
  });

  it('records a 403, naming the kind of object when the route has no id', async () => {
    const { app, entries } = buildApp();
    const res = await request(app).post('/api/v1/agencies').set('x-test-actor', 'staff-2');
    expect(res.status).toBe(403);
    expect(entries).toEqual([expect.objectContaining({ action: 'agency.refused', objectId: '-', status: 403 })]);
    const internal = await request(app).get('/internal/v1/cases/x').set('x-test-actor', 'staff-2');
    expect(internal.status).toBe(403);
    expect(entries[1]).toEqual(
      expect.objectContaining({ action: 'request.refused', objectType: 'request', status: 403 }),
    );
  });

  it('records nothing for an anonymous caller, an unknown route, or a request that went through', async () => {
    const { app, entries } = buildApp();
    expect((await request(app).get(`/api/v1/parties/${PARTY_ID}`)).status).toBe(404);
    expect((await request(app).get('/api/v1/nothing/here').set('x-test-actor', 'staff-1')).status).toBe(404);
    expect(entries).toEqual([]);
    const ok = await request(app)
      .get(`/api/v1/parties/${PARTY_ID}`)
      .set('x-test-actor', 'r')
      .set('x-test-exists', 'yes');
    expect(ok.status).toBe(200);
    expect(entries.map((entry) => entry.action)).toEqual(['party.read']);
  });
});

describe('request ids', () => {
  it('are always generated here; a sane caller id is kept beside ours, an odd one dropped', async () => {
    const { app } = buildApp();
    const kept = await request(app).get('/api/v1/ids').set('X-Request-Id', 'upstream-trace-1');
    expect(kept.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept.body).toEqual({ requestId: kept.headers['x-request-id'], callerRequestId: 'upstream-trace-1' });
    const dropped = await request(app).get('/api/v1/ids').set('X-Request-Id', 'has spaces and ;');
    expect(dropped.body).toEqual({ requestId: dropped.headers['x-request-id'] });
  });
});
