import request from 'supertest';
import { NotFoundError } from '@gongzhi/errors';
import { z } from 'zod';
import { ApiRoutes, buildOpenApiDocument } from './api-routes';
import { createHttpApp } from './create-app';
import { createLogger } from './logger';

const Widget = z.object({ name: z.string().min(1), size: z.number().int().positive() }).strict();

function buildApp(readinessFails = false, documentsFail = false) {
  const routes = new ApiRoutes({ callers: ['staff'] })
    .add({
      method: 'post',
      path: '/api/v1/widgets',
      operationId: 'createWidget',
      summary: 'Create a widget',
      body: Widget,
      response: { status: 201, description: 'Created', schema: Widget },
      handler: async ({ body }) => ({ body }),
    })
    .add({
      method: 'get',
      path: '/api/v1/widgets/:id',
      operationId: 'getWidget',
      summary: 'Read a widget',
      params: z.object({ id: z.string().uuid() }),
      response: { status: 200, description: 'The widget', schema: Widget },
      handler: async ({ params }) => {
        throw new NotFoundError('widget', params.id);
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/boom',
      operationId: 'boom',
      summary: 'A bug',
      response: { status: 200, description: 'never', schema: Widget },
      handler: async () => {
        throw new Error('secret internal detail at /srv/app.ts:12');
      },
    });
  return createHttpApp({
    logger: createLogger('test', 'silent'),
    openapi: { title: 'Widgets', version: '1' },
    routes: [routes],
    policy: { callerOf: () => 'staff' },
    readiness: {
      database: async () => {
        if (readinessFails) throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
      },
    },
    degradedWithout: {
      documents: async () => {
        if (documentsFail) throw new Error('getaddrinfo ENOTFOUND seaweedfs-s3.storage.svc');
      },
    },
  });
}

describe('the shared HTTP bootstrap', () => {
  const app = buildApp();

  it('accepts a valid body and echoes a request id', async () => {
    const res = await request(app).post('/api/v1/widgets').send({ name: 'a', size: 2 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'a', size: 2 });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with a 400 problem, not a stack trace', async () => {
    const res = await request(app)
      .post('/api/v1/widgets')
      .set('Content-Type', 'application/json')
      .send('{"name": "a",');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('urn:gongzhi:problem:malformed-json');
  });

  it('names unknown fields and wrong types in the problem', async () => {
    const res = await request(app).post('/api/v1/widgets').send({ name: 'a', size: 'big', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
    const paths = (res.body.errors as { path: string; message: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['size', '(body)']));
    expect(JSON.stringify(res.body.errors)).toContain('colour');
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await request(app)
      .post('/api/v1/widgets')
      .send({ name: 'x'.repeat(200_000), size: 1 });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:gongzhi:problem:payload-too-large');
  });

  it('refuses non-JSON bodies with 415', async () => {
    const res = await request(app).post('/api/v1/widgets').set('Content-Type', 'text/plain').send('name=a');
    expect(res.status).toBe(415);
  });

  it('answers a bad id with 400 and an unknown route with a 404 problem', async () => {
    expect((await request(app).get('/api/v1/widgets/not-a-uuid')).status).toBe(400);
    const missing = await request(app).get('/api/v1/widgets/7f8d2b70-5a0e-4d5e-9a55-0b1c1c7f0c11');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('No widget with id');
    const route = await request(app).get('/api/v1/nothing-here?phone=13800000000');
    expect(route.status).toBe(404);
    expect(route.body.type).toBe('urn:gongzhi:problem:route-not-found');
    expect(route.body.instance).toBe('/api/v1/nothing-here');
  });

  it('answers OPTIONS as no route, without listing the methods a path serves', async () => {
    const options = await request(app).options('/api/v1/widgets');
    expect(options.status).toBe(404);
    expect(options.headers['allow']).toBeUndefined();
    expect(options.body.type).toBe('urn:gongzhi:problem:route-not-found');
  });

  it('refuses to start a route set that mounts a route past its guard or its route table', () => {
    class Sneaky extends ApiRoutes {
      mountUndeclared(): this {
        this.router.get('/api/v1/secrets', (_req, res) => res.json({ secret: true }));
        return this;
      }
    }
    const start = (routes: ApiRoutes) =>
      createHttpApp({
        logger: createLogger('test', 'silent'),
        openapi: { title: 'Sneaky', version: '1' },
        routes: [routes],
        policy: { callerOf: () => 'staff' },
      });
    expect(() => start(new Sneaky({ callers: ['staff'] }).mountUndeclared())).toThrow(
      'GET /api/v1/secrets is mounted but not declared in the route table',
    );
    class Unguarded extends ApiRoutes {
      mountWithoutPolicy(): this {
        this.declare({
          method: 'get',
          path: '/api/v1/secrets',
          operationId: 'secrets',
          callers: ['staff'],
          idempotency: 'none',
        });
        this.router.get('/api/v1/secrets', (_req, res) => res.json({ secret: true }));
        return this;
      }
    }
    expect(() => start(new Unguarded({ callers: ['staff'] }).mountWithoutPolicy())).toThrow(
      'GET /api/v1/secrets is mounted without its policy steps first',
    );
  });

  it('hides the details of a bug behind a generic 500 problem with the request id', async () => {
    const res = await request(app).get('/api/v1/boom').set('X-Request-Id', 'trace-42');
    expect(res.status).toBe(500);
    // The id to quote is the one this service made, never one the caller chose.
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body.requestId).not.toBe('trace-42');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('tells no browser or proxy to keep any response: data, problems and unknown routes alike', async () => {
    const responses = await Promise.all([
      request(app).post('/api/v1/widgets').send({ name: 'a', size: 2 }),
      request(app).get('/api/v1/widgets/7f8d2b70-5a0e-4d5e-9a55-0b1c1c7f0c11'),
      request(app).get('/api/v1/boom'),
      request(app).get('/api/v1/nothing-here'),
      request(app).post('/api/v1/widgets').set('Content-Type', 'application/json').send('{'),
    ]);
    expect(responses.map((res) => res.status)).toEqual([201, 404, 500, 404, 400]);
    for (const res of responses) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('publishes every route in the OpenAPI document', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(['/api/v1/widgets', '/api/v1/widgets/{id}', '/api/v1/boom']);
    expect(res.body.paths['/api/v1/widgets'].post.responses['400'].content).toHaveProperty([
      'application/problem+json',
    ]);
  });

  it('reports not-ready while a dependency is down, naming it but not its address', async () => {
    const up = await request(app).get('/health/ready');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ready', checks: { database: 'ok', documents: 'ok' } });
    const down = await request(buildApp(true)).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not-ready', checks: { database: 'unavailable', documents: 'ok' } });
    expect(down.text).not.toContain('10.0.3.7');
  });

  it('stays ready, degraded, while only a dependency some routes need is down', async () => {
    const degraded = await request(buildApp(false, true)).get('/health/ready');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toEqual({ status: 'degraded', checks: { database: 'ok', documents: 'unavailable' } });
    expect(degraded.text).not.toContain('seaweedfs');
  });
});

describe('the OpenAPI document', () => {
  it('spells a nullable registered schema as "it or null", which a null answer satisfies', async () => {
    const Count = z.object({ total: z.number().int() }).openapi('Count');
    const routes = new ApiRoutes({ callers: ['staff'] }).add({
      method: 'get',
      path: '/api/v1/counts',
      operationId: 'counts',
      summary: 'Counts, the team one only for supervisors',
      response: { status: 200, description: 'Counts', schema: z.object({ mine: Count, team: Count.nullable() }) },
      handler: async () => ({ body: { mine: { total: 1 }, team: null } }),
    });
    const document = buildOpenApiDocument({ title: 'Counts', version: '1' }, [routes]);
    const schema = document.paths?.['/api/v1/counts']?.get?.responses?.['200'] as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
    };
    const properties = schema.content['application/json'].schema.properties;
    expect(properties['mine']).toEqual({ $ref: '#/components/schemas/Count' });
    expect(properties['team']).toEqual({ anyOf: [{ $ref: '#/components/schemas/Count' }, { type: 'null' }] });
  });
});
