import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes } from './api-routes';
import { createHttpApp } from './create-app';
import { IdempotencyHeaders } from './headers';
import { createInMemoryIdempotencyStore, idempotency } from './idempotency';
import { createLogger } from './logger';
import { publicRoutesOf, ROUTE_CALLERS, type RouteCaller } from './route-policy';

const Note = z.object({ text: z.string().min(1) }).strict();
const Answer = z.object({ n: z.number() });

/** The tests tell callers apart by a header; services do by the verified token (routePolicy in @gongzhi/auth). */
function callerOf(req: { get(name: string): string | undefined }): RouteCaller {
  const claimed = req.get('x-caller');
  return ROUTE_CALLERS.find((caller) => caller === claimed) ?? 'public';
}

function app(routes: ApiRoutes, replay = true) {
  return createHttpApp({
    logger: createLogger('test', 'silent'),
    openapi: { title: 'Notes', version: '1' },
    routes: [routes],
    policy: {
      callerOf,
      ...(replay ? { replay: idempotency(createInMemoryIdempotencyStore(), () => 'tester') } : {}),
    },
  });
}

function notes() {
  let written = 0;
  return new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/notes',
      operationId: 'addNote',
      summary: 'Add a note',
      body: Note,
      headers: IdempotencyHeaders,
      idempotency: 'replayed',
      response: { status: 201, description: 'Added', schema: Answer },
      handler: async () => ({ body: { n: ++written } }),
    })
    .add({
      method: 'put',
      path: '/internal/v1/notes/:id',
      operationId: 'putNote',
      summary: 'The engine writes a note by its own key',
      callers: ['workflow-engine'],
      params: z.object({ id: z.string() }),
      body: Note,
      response: { status: 200, description: 'Written', schema: Answer },
      handler: async () => ({ body: { n: 0 } }),
    })
    .add({
      method: 'get',
      path: '/api/v1/shared',
      operationId: 'readShared',
      summary: 'Both may read it',
      callers: ['staff', 'workflow-engine'],
      response: { status: 200, description: 'Read', schema: Answer },
      handler: async () => ({ body: { n: 1 } }),
    });
}

describe('routes that declare who may call them', () => {
  it('refuse the workflow engine on a staff route before its input is even validated', async () => {
    const res = await request(app(notes())).post('/api/v1/notes').set('x-caller', 'workflow-engine').send({});
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('serves staff tokens');
  });

  it('refuse staff on a route of the workflow engine, whatever the body', async () => {
    const res = await request(app(notes())).put('/internal/v1/notes/1').set('x-caller', 'staff').send({ bad: 1 });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('workflow engine only');
  });

  it('let every declared caller through, and answer a caller nobody authenticated with 401', async () => {
    const server = app(notes());
    expect((await request(server).get('/api/v1/shared').set('x-caller', 'staff')).status).toBe(200);
    expect((await request(server).get('/api/v1/shared').set('x-caller', 'workflow-engine')).status).toBe(200);
    expect((await request(server).get('/api/v1/shared')).status).toBe(401);
  });

  it('answer a retried Idempotency-Key on a replayed route with the first answer', async () => {
    const server = app(notes());
    const send = () =>
      request(server)
        .post('/api/v1/notes')
        .set('x-caller', 'staff')
        .set('idempotency-key', 'note-key-1')
        .send({ text: 'a' });
    const first = await send();
    const again = await send();
    expect([first.status, first.body]).toEqual([201, { n: 1 }]);
    expect(again.body).toEqual({ n: 1 });
  });

  it('list their policies in the route table', () => {
    expect(notes().routes.map(({ operationId, callers, idempotency: how }) => ({ operationId, callers, how }))).toEqual(
      [
        { operationId: 'addNote', callers: ['staff'], how: 'replayed' },
        { operationId: 'putNote', callers: ['workflow-engine'], how: 'none' },
        { operationId: 'readShared', callers: ['staff', 'workflow-engine'], how: 'none' },
      ],
    );
  });
});

describe('a declaration that contradicts itself or the service', () => {
  const base = {
    method: 'post' as const,
    path: '/api/v1/things',
    operationId: 'createThing',
    summary: 'Create a thing',
    response: { status: 201, description: 'Created', schema: Answer },
    handler: async () => ({ body: { n: 1 } }),
  };

  it('fails when a route documents the Idempotency-Key header but says nothing keeps a retry from acting twice', () => {
    expect(() => new ApiRoutes({ callers: ['staff'] }).add({ ...base, headers: IdempotencyHeaders })).toThrow(
      /createThing: documents the Idempotency-Key header/,
    );
  });

  it('fails when a route claims its key but does not document the header', () => {
    expect(() => new ApiRoutes({ callers: ['staff'] }).add({ ...base, idempotency: 'claimed' })).toThrow(
      /createThing: declares claimed idempotency/,
    );
  });

  it('fails to start a service whose replayed routes it has no middleware for', () => {
    expect(() => app(notes(), false)).toThrow(/addNote declare replayed answers/);
  });

  it('fails on a public route that would keep answers for retried keys (they carry tokens)', () => {
    expect(() =>
      new ApiRoutes({ callers: ['public'] }).add({ ...base, headers: IdempotencyHeaders, idempotency: 'replayed' }),
    ).toThrow(/createThing: a public route keeps no answer/);
  });

  it('fails on a route that is public and something else, or declares nobody', () => {
    expect(() => new ApiRoutes({ callers: ['public', 'staff'] }).add(base)).toThrow(/public to everyone/);
    expect(() => new ApiRoutes({ callers: [] }).add(base)).toThrow(/declare who may call it/);
  });
});

describe('publicRoutesOf', () => {
  it('names the public routes by method and path (a GET also as HEAD), and refuses a public route with parameters', () => {
    const open = new ApiRoutes({ callers: ['public'] }).add({
      method: 'get',
      path: '/api/v1/key',
      operationId: 'key',
      summary: 'The public key',
      response: { status: 200, description: 'Key', schema: Answer },
      handler: async () => ({ body: { n: 1 } }),
    });
    const signIn = new ApiRoutes({ callers: ['public'] }).add({
      method: 'post',
      path: '/api/v1/sessions',
      operationId: 'signIn',
      summary: 'Sign in',
      response: { status: 200, description: 'Tokens', schema: Answer },
      handler: async () => ({ body: { n: 1 } }),
    });
    expect(publicRoutesOf([open, signIn, notes()])).toEqual([
      { method: 'GET', path: '/api/v1/key' },
      { method: 'HEAD', path: '/api/v1/key' },
      { method: 'POST', path: '/api/v1/sessions' },
    ]);
    const withParams = new ApiRoutes({ callers: ['public'] }).add({
      method: 'get',
      path: '/api/v1/keys/:id',
      operationId: 'keyById',
      summary: 'A key',
      response: { status: 200, description: 'Key', schema: Answer },
      handler: async () => ({ body: { n: 1 } }),
    });
    expect(() => publicRoutesOf([withParams])).toThrow(/keyById: a public route's path cannot take parameters/);
  });
});
