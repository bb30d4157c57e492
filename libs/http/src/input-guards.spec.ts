import { Writable } from 'node:stream';
import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes } from './api-routes';
import { createHttpApp } from './create-app';
import { createInMemoryIdempotencyStore, idempotency } from './idempotency';
import { MAX_JSON_DEPTH } from './input-guards';
import { createLogger } from './logger';

/** Log lines as they are written, and a way to wait (without sleeping) for the one that closes a request. */
function capturedLogs() {
  const lines: Record<string, unknown>[] = [];
  const waiting: { requestId: string; resolve: () => void }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as Record<string, unknown>;
      lines.push(line);
      const id = (line.req as { id?: string } | undefined)?.id;
      for (const w of waiting.filter((entry) => entry.requestId === id && line.res !== undefined)) w.resolve();
      done();
    },
  });
  const completed = (requestId: string) =>
    new Promise<void>((resolve) => {
      if (lines.some((line) => (line.req as { id?: string } | undefined)?.id === requestId && line.res)) resolve();
      else waiting.push({ requestId, resolve });
    });
  return { lines, stream, completed };
}

function buildApp() {
  const logs = capturedLogs();
  const Note = z.object({ title: z.string().min(1), tags: z.array(z.string()).optional() }).strict();
  const routes = new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/notes',
      operationId: 'createNote',
      summary: 'Create a note',
      body: Note,
      response: { status: 201, description: 'Created', schema: Note },
      handler: async ({ body }) => ({ body }),
    })
    .add({
      method: 'post',
      path: '/api/v1/documents',
      operationId: 'createDocument',
      summary: 'Anything JSON',
      body: z.record(z.string(), z.unknown()),
      response: { status: 201, description: 'Created', schema: z.object({ ok: z.boolean() }) },
      handler: async () => ({ body: { ok: true } }),
    })
    .add({
      method: 'get',
      path: '/api/v1/cases/:id',
      operationId: 'getCase',
      summary: 'Read a case',
      params: z.object({ id: z.string().min(1) }),
      query: z.object({ q: z.string().optional() }),
      response: { status: 200, description: 'The case', schema: z.object({ id: z.string() }) },
      handler: async ({ params }) => ({ body: { id: params.id } }),
    });
  const app = createHttpApp({
    logger: createLogger('test', 'info', logs.stream),
    openapi: { title: 'Notes', version: '1' },
    routes: [routes],
    policy: { callerOf: () => 'staff' },
    before: [idempotency(createInMemoryIdempotencyStore(), () => 'tester')],
  });
  return { app, logs };
}

function nested(levels: number): string {
  return `${'{"a":'.repeat(levels - 1)}{"leaf":"x"}${'}'.repeat(levels - 1)}`;
}

describe('input no route can store is a 400 problem, logged without a stack', () => {
  const { app, logs } = buildApp();

  async function expectQuiet400(res: request.Response) {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
    await logs.completed(res.headers['x-request-id'] as string);
    const mine = logs.lines.filter(
      (line) =>
        line.requestId === res.headers['x-request-id'] ||
        (line.req as { id?: string })?.id === res.headers['x-request-id'],
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((line) => (line.level as number) <= 40)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('stack');
  }

  it('refuses a NUL character in a body string, naming the field', async () => {
    const res = await request(app)
      .post('/api/v1/notes')
      .send({ title: 'a\u0000b', tags: ['ok', 'x\u0000'] });
    await expectQuiet400(res);
    expect(res.body.errors).toEqual([
      { path: 'title', message: expect.stringContaining('NUL') },
      { path: 'tags.1', message: expect.stringContaining('NUL') },
    ]);
  });

  it('refuses a NUL character in a field name', async () => {
    const res = await request(app).post('/api/v1/documents').send({ 'bad\u0000key': 1 });
    await expectQuiet400(res);
    expect(res.body.errors).toEqual([{ path: 'bad\\u0000key', message: expect.stringContaining('field name') }]);
  });

  it('refuses a NUL character in the query string and in the path', async () => {
    const query = await request(app).get('/api/v1/cases/c-1?q=a%00b');
    await expectQuiet400(query);
    expect(query.body.errors).toEqual([{ path: 'q', message: expect.stringContaining('NUL') }]);
    const path = await request(app).get('/api/v1/cases/c%001');
    await expectQuiet400(path);
    expect(path.body.errors).toEqual([{ path: '(path)', message: expect.stringContaining('NUL') }]);
  });

  it('refuses a path that is not valid percent-encoding', async () => {
    const res = await request(app).get('/api/v1/cases/%E0%A4%A');
    await expectQuiet400(res);
    expect(res.body.errors).toEqual([{ path: '(path)', message: 'malformed percent-encoding' }]);
    // Also where no route matches: the path is refused before routing.
    await expectQuiet400(await request(app).get('/api/v1/nowhere/%ZZ'));
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, with an Idempotency-Key`, async () => {
    const deepest = await request(app)
      .post('/api/v1/documents')
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', 'deep-0001-ok')
      .send(nested(MAX_JSON_DEPTH));
    expect(deepest.status).toBe(201);
    const tooDeep = await request(app)
      .post('/api/v1/documents')
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', 'deep-0002-refused')
      .send(nested(MAX_JSON_DEPTH + 1));
    await expectQuiet400(tooDeep);
    expect(tooDeep.body.errors).toEqual([{ path: '(body)', message: `nest at most ${MAX_JSON_DEPTH} levels deep` }]);
  });

  it('answers nesting deep enough to overflow a recursive walk with the same 400', async () => {
    const res = await request(app)
      .post('/api/v1/documents')
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', 'deep-0003-overflow')
      .send(`{"a":${'['.repeat(40_000)}${']'.repeat(40_000)}}`);
    await expectQuiet400(res);
  });

  it('lets ordinary text through, Chinese and emoji included', async () => {
    const res = await request(app)
      .post('/api/v1/notes')
      .send({ title: '宅基地边界纠纷 🏠', tags: ['邻里'] });
    expect(res.status).toBe(201);
  });
});
