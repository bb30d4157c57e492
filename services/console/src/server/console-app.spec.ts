import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createConsoleApp } from './console-app';
import { CSRF_HEADER } from './security/csrf';
import { type AgencyAuth, type AuthAnswer, createAgencyAuth } from './session/agency-auth';
import { createMemorySessionStore, type SessionStaff } from './session/session-store';

const STAFF: SessionStaff = {
  id: '5aff0000-0000-4000-8000-000000000002',
  username: 'mediator.shangba',
  displayName: '调解员 上坝',
  agencyId: 'a9e00000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles: ['mediator'],
};

/** agency-service as the console sees it: counts refreshes and hands out numbered tokens. */
function fakeAgency(clock: { now: Date }) {
  let issued = 0;
  const refreshTokens = new Set<string>();
  const calls = { login: 0, refresh: 0, logout: 0 };
  let releaseRefresh: (() => void) | undefined;
  let refreshGate: Promise<void> | undefined;
  const issue = (): AuthAnswer => {
    issued += 1;
    const refreshToken = `refresh-token-number-${issued}-xxxxxxxxxxxxxxxx`;
    refreshTokens.add(refreshToken);
    return {
      ok: true,
      tokens: {
        accessToken: `access-${issued}`,
        accessExpiresAt: new Date(clock.now.getTime() + 15 * 60_000),
        refreshToken,
        refreshExpiresAt: new Date(clock.now.getTime() + 12 * 3600_000),
      },
      staff: STAFF,
    };
  };
  const unauthenticated = (detail: string): AuthAnswer => ({
    ok: false,
    status: 401,
    problem: { type: 'urn:gongzhi:problem:unauthenticated', title: 'Authentication required', status: 401, detail },
  });
  const agency: AgencyAuth = {
    async login(username, password) {
      calls.login += 1;
      return username === STAFF.username && password === 'gongzhi-demo'
        ? issue()
        : unauthenticated('Wrong username or password: check both and try again.');
    },
    async refresh(refreshToken) {
      calls.refresh += 1;
      if (refreshGate) await refreshGate;
      // Single-use, as agency-service: a second use of the same refresh token is refused.
      if (!refreshTokens.delete(refreshToken)) return unauthenticated('The refresh token is not valid.');
      return issue();
    },
    async logout(refreshToken) {
      calls.logout += 1;
      refreshTokens.delete(refreshToken);
    },
  };
  return {
    agency,
    calls,
    revokeAll: () => refreshTokens.clear(),
    /** Holds every refresh until released, so concurrent requests pile up behind the first one. */
    holdRefreshes: () => {
      refreshGate = new Promise((resolve) => (releaseRefresh = resolve));
    },
    releaseRefreshes: () => {
      releaseRefresh?.();
      refreshGate = undefined;
    },
  };
}

interface UpstreamCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The services behind the proxy: record each call; answer 401 to tokens in `refused`. */
function fakeServices() {
  const calls: UpstreamCall[] = [];
  const refused = new Set<string>();
  const fetchFake = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const body = init?.body === undefined ? undefined : Buffer.from(init.body as Buffer).toString('utf8');
    calls.push({ url: String(input), method: init?.method ?? 'GET', headers, body });
    const token = headers['authorization']?.replace('Bearer ', '') ?? '';
    if (refused.has(token)) {
      return new Response(JSON.stringify({ type: 'urn:gongzhi:problem:unauthenticated', status: 401 }), {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    return new Response(JSON.stringify({ ok: true, token }), {
      status: 200,
      headers: { 'content-type': 'application/json', etag: '"case.v3"', 'set-cookie': 'upstream=1' },
    });
  }) as typeof fetch;
  return { calls, refused, fetch: fetchFake };
}

function setup(
  options: {
    webDir?: string;
    trustedProxies?: string[];
    agency?: AgencyAuth;
    temporalUi?: { url: string; namespace: string };
    readiness?: () => Promise<void>;
  } = {},
) {
  const clock = { now: new Date('2026-12-04T08:00:00.000Z') };
  const agency = fakeAgency(clock);
  const services = fakeServices();
  const store = createMemorySessionStore();
  const app = createConsoleApp({
    logger: pino({ level: 'silent' }),
    store,
    upstreams: {
      party: 'http://party.test',
      case: 'http://case.test',
      agency: 'http://agency.test',
      statistics: 'http://statistics.test',
    },
    upstreamTimeoutMs: 1_000,
    now: () => clock.now,
    fetch: services.fetch,
    ...options,
    agency: options.agency ?? agency.agency,
  });
  /** `browserCookies`: what the browser already holds (a language cookie, say). */
  const signIn = async (browserCookies?: string): Promise<string> => {
    const res = await request(app)
      .post('/bff/session')
      .set(CSRF_HEADER, '1')
      .set('cookie', browserCookies ?? '')
      .send({ username: STAFF.username, password: 'gongzhi-demo' });
    expect(res.status).toBe(201);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('gongzhi_session='));
    if (!cookie) throw new Error('no session cookie');
    return cookie.split(';')[0] ?? '';
  };
  return { app, clock, agency, services, store, signIn };
}

describe('health', () => {
  it('answers not-ready while its database is down, without saying where the database is', async () => {
    const { app } = setup({
      readiness: async () => {
        throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
      },
    });
    const res = await request(app).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not-ready', detail: 'a dependency is unavailable' });
    expect(res.text).not.toContain('10.0.3.7');
  });
});

describe('signing in', () => {
  it('gives the browser an HttpOnly, SameSite=Strict cookie and no token', async () => {
    const { app } = setup();
    const res = await request(app)
      .post('/bff/session')
      .set(CSRF_HEADER, '1')
      .send({ username: STAFF.username, password: 'gongzhi-demo' });
    expect(res.status).toBe(201);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('gongzhi_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    // Plain http on 127.0.0.1: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/Secure/);
    expect(JSON.stringify(res.body)).not.toMatch(/access-|refresh-token/);
    expect(res.body.staff).toMatchObject({ username: STAFF.username, displayName: '调解员 上坝' });
  });

  it('marks the cookie Secure when the console is reached over https behind a trusted proxy', async () => {
    const { app } = setup({ trustedProxies: ['loopback'] });
    const res = await request(app)
      .post('/bff/session')
      .set(CSRF_HEADER, '1')
      .set('x-forwarded-proto', 'https')
      .send({ username: STAFF.username, password: 'gongzhi-demo' });
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('gongzhi_session='));
    expect(cookie).toMatch(/; Secure/);
  });

  it("passes agency-service's refusal of a wrong password on as its problem", async () => {
    const { app } = setup();
    const res = await request(app)
      .post('/bff/session')
      .set(CSRF_HEADER, '1')
      .send({ username: STAFF.username, password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      type: 'urn:gongzhi:problem:unauthenticated',
      detail: expect.stringContaining('Wrong'),
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('keeps the tokens only in the store, found by a hash of the cookie', async () => {
    const { signIn, store } = setup();
    const cookie = await signIn();
    const [stored] = [...store.sessions.values()];
    expect(stored?.idHash).not.toBe(cookie.split('=')[1]);
    expect(stored?.accessToken).toBe('access-1');
  });

  it('signs out: the session is gone, the refresh token revoked and the cookie cleared', async () => {
    const { app, agency, signIn, services } = setup();
    const cookie = await signIn();
    const out = await request(app).delete('/bff/session').set('cookie', cookie).set(CSRF_HEADER, '1');
    expect(out.status).toBe(204);
    expect(agency.calls.logout).toBe(1);
    const after = await request(app).get('/api/case/api/v1/tasks').set('cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body.type).toBe('urn:gongzhi:problem:session-expired');
    expect(services.calls).toHaveLength(0);
  });
});

/** agency-service's login route as the real AgencyAuth reaches it: records the headers, answers a throttled 429. */
function throttledAgency() {
  const sent: Record<string, string>[] = [];
  const fetchFake = (async (_input: string | URL | Request, init?: RequestInit) => {
    sent.push({ ...((init?.headers ?? {}) as Record<string, string>) });
    const retryAt = '2026-12-04T08:17:00.000Z';
    return new Response(
      JSON.stringify({
        type: 'urn:gongzhi:problem:login-throttled',
        title: 'Too many failed logins',
        status: 429,
        detail: `Too many failed logins: try again after ${retryAt}.`,
        retryAt,
        retryAfterSeconds: 1020,
      }),
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '1020' } },
    );
  }) as typeof fetch;
  return { sent, agency: createAgencyAuth('http://agency.test', 1_000, fetchFake) };
}

describe("the client's address at agency-service's login back-off", () => {
  const signInFrom = (app: Parameters<typeof request>[0], forwardedFor?: string) => {
    const req = request(app).post('/bff/session').set(CSRF_HEADER, '1');
    if (forwardedFor !== undefined) req.set('x-forwarded-for', forwardedFor);
    return req.send({ username: STAFF.username, password: 'wrong' });
  };

  it("sends the browser's own address in X-Forwarded-For, never an address the browser names", async () => {
    const agency = throttledAgency();
    const { app } = setup({ agency: agency.agency });
    await signInFrom(app);
    // A browser that names another address to escape its own back-off is still counted at its socket's address.
    await signInFrom(app, '203.0.113.66');
    expect(agency.sent).toHaveLength(2);
    for (const headers of agency.sent) {
      expect(headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('behind a trusted proxy, sends the address that proxy saw, not one the browser put before it', async () => {
    const agency = throttledAgency();
    const { app } = setup({ agency: agency.agency, trustedProxies: ['loopback'] });
    // The browser wrote 198.51.100.7; the proxy (on loopback here) appended the address it was reached from.
    await signInFrom(app, '198.51.100.7, 203.0.113.66');
    expect(agency.sent[0]?.['x-forwarded-for']).toBe('203.0.113.66');
  });

  it("passes the throttle's 429 on with its Retry-After and the time to come back", async () => {
    const { app } = setup({ agency: throttledAgency().agency });
    const res = await signInFrom(app);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1020');
    expect(res.body).toMatchObject({
      type: 'urn:gongzhi:problem:login-throttled',
      retryAt: '2026-12-04T08:17:00.000Z',
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the CSRF rule', () => {
  it('refuses a change without the console header, before it reaches a service', async () => {
    const { app, signIn, services } = setup();
    const cookie = await signIn();
    const res = await request(app).post('/api/case/api/v1/tasks/abc/claim').set('cookie', cookie).send({});
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('urn:gongzhi:problem:csrf-check-failed');
    expect(services.calls).toHaveLength(0);
  });

  it("refuses a change from another site's page even with the header", async () => {
    const { app, signIn, services } = setup();
    const cookie = await signIn();
    const res = await request(app)
      .post('/api/case/api/v1/tasks/abc/claim')
      .set('cookie', cookie)
      .set(CSRF_HEADER, '1')
      .set('origin', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(services.calls).toHaveLength(0);
  });

  it('refuses signing in without the header too (login CSRF)', async () => {
    const { app, agency } = setup();
    const res = await request(app).post('/bff/session').send({ username: STAFF.username, password: 'gongzhi-demo' });
    expect(res.status).toBe(403);
    expect(agency.calls.login).toBe(0);
  });
});

describe('the proxy', () => {
  it('adds the bearer token and passes Idempotency-Key, If-Match and its request id, but never the cookie', async () => {
    const { app, signIn, services } = setup();
    const cookie = await signIn();
    const res = await request(app)
      .post('/api/case/api/v1/tasks/abc/complete?x=1')
      .set('cookie', cookie)
      .set(CSRF_HEADER, '1')
      .set('idempotency-key', 'key-1')
      .set('if-match', '"case.v2"')
      .set('x-request-id', 'req-42')
      .send({ action: { kind: 'record-session', heldAt: '2026-12-04T08:00:00.000Z' } });
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"case.v3"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    const [call] = services.calls;
    expect(call).toMatchObject({
      url: 'http://case.test/api/v1/tasks/abc/complete?x=1',
      method: 'POST',
      headers: {
        authorization: 'Bearer access-1',
        'idempotency-key': 'key-1',
        'if-match': '"case.v2"',
        // The console's own id for the request, so the service's logs and audit join up with the console's.
        'x-request-id': res.headers['x-request-id'],
        'content-type': 'application/json',
      },
    });
    expect(call?.headers['cookie']).toBeUndefined();
    expect(JSON.parse(call?.body ?? '{}')).toEqual({
      action: { kind: 'record-session', heldAt: '2026-12-04T08:00:00.000Z' },
    });
  });

  it('reaches only the public API of the four services', async () => {
    const { app, signIn, services } = setup();
    const cookie = await signIn();
    expect((await request(app).get('/api/case/internal/v1/cases/x/progress').set('cookie', cookie)).status).toBe(404);
    expect((await request(app).get('/api/case/api/v1/../../internal/v1/x').set('cookie', cookie)).status).toBe(404);
    expect((await request(app).get('/api/mail/api/v1/inbox').set('cookie', cookie)).status).toBe(404);
    expect(services.calls).toHaveLength(0);
  });

  it('asks for a session first', async () => {
    const { app, services } = setup();
    const res = await request(app).get('/api/case/api/v1/tasks');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:gongzhi:problem:session-expired');
    expect(services.calls).toHaveLength(0);
  });
});

describe('refreshing the access token', () => {
  it('refreshes an expired access token once, however many requests find it expired at the same time', async () => {
    const { app, clock, agency, signIn, services } = setup();
    const cookie = await signIn();
    clock.now = new Date(clock.now.getTime() + 20 * 60_000);
    agency.holdRefreshes();
    const requests = Array.from({ length: 6 }, (_, i) =>
      request(app)
        .get(`/api/case/api/v1/tasks?n=${i}`)
        .set('cookie', cookie)
        .then((res) => res),
    );
    // Let every request reach the refresh before the first one is answered.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    agency.releaseRefreshes();
    const answers = await Promise.all(requests);
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(agency.calls.refresh).toBe(1);
    expect(new Set(services.calls.map((call) => call.headers['authorization']))).toEqual(new Set(['Bearer access-2']));
  });

  it('refreshes once and retries once when a service refuses a token that had not expired yet', async () => {
    const { app, agency, signIn, services } = setup();
    const cookie = await signIn();
    services.refused.add('access-1');
    const res = await request(app).get('/api/party/api/v1/parties/p1').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.token).toBe('access-2');
    expect(agency.calls.refresh).toBe(1);
    expect(services.calls.map((call) => call.headers['authorization'])).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('ends the session when the refresh token is refused, and says so', async () => {
    const { app, clock, agency, signIn, store } = setup();
    const cookie = await signIn();
    clock.now = new Date(clock.now.getTime() + 20 * 60_000);
    agency.revokeAll();
    const res = await request(app).get('/api/case/api/v1/tasks').set('cookie', cookie);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:gongzhi:problem:session-expired');
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join()).toMatch(/gongzhi_session=;/);
    expect(store.sessions.size).toBe(0);
  });

  it('forgets a session whose refresh token has run out without asking agency-service', async () => {
    const { app, clock, agency, signIn } = setup();
    const cookie = await signIn();
    clock.now = new Date(clock.now.getTime() + 13 * 3600_000);
    expect((await request(app).get('/bff/session').set('cookie', cookie)).status).toBe(401);
    expect(agency.calls.refresh).toBe(0);
  });
});

describe('language', () => {
  it("remembers a person's language for their next session, and a visitor's in a cookie", async () => {
    const { app, signIn } = setup();
    const anonymous = await request(app).put('/bff/preferences').set(CSRF_HEADER, '1').send({ language: 'en' });
    expect(([] as string[]).concat(anonymous.headers['set-cookie'] ?? []).join()).toMatch(/gongzhi_lang=en/);
    const cookie = await signIn();
    expect((await request(app).get('/bff/session').set('cookie', cookie)).body.language).toBe('zh-CN');
    await request(app).put('/bff/preferences').set('cookie', cookie).set(CSRF_HEADER, '1').send({ language: 'en' });
    const again = await signIn();
    expect((await request(app).get('/bff/session').set('cookie', again)).body.language).toBe('en');
  });

  it("takes a language picked on the sign-in page as the person's own, but not one the previous person left showing", async () => {
    const left = setup();
    // The previous person of a shared PC read the console in English and signed out; the cookie still says English.
    const next = await left.signIn('gongzhi_lang=en');
    expect((await request(left.app).get('/bff/session').set('cookie', next)).body.language).toBe('zh-CN');

    const picked = setup();
    const choice = await request(picked.app).put('/bff/preferences').set(CSRF_HEADER, '1').send({ language: 'en' });
    const browser = ([] as string[])
      .concat(choice.headers['set-cookie'] ?? [])
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    expect(browser).toContain('gongzhi_lang_picked=1');
    const session = await picked.signIn(browser);
    expect((await request(picked.app).get('/bff/session').set('cookie', session)).body.language).toBe('en');
  });

  it('refuses a language it does not have, field by field', async () => {
    const { app } = setup();
    const res = await request(app).put('/bff/preferences').set(CSRF_HEADER, '1').send({ language: 'fr' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('language');
  });
});

describe('the page', () => {
  it('is served with a Content-Security-Policy that allows only its own scripts, in the chosen language', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'console-web-'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body></body></html>',
    );
    const { app } = setup({ webDir });
    const res = await request(app).get('/inbox').set('cookie', 'gongzhi_lang=en');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const directive = (name: string) =>
      csp
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(res.text).not.toContain('__CSP_NONCE__');
    expect(res.text).toContain('<html lang="en">');
  });

  it("tells the page where a workflow's page in Temporal's Web UI is, and nothing when it was not told", async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'console-web-'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><meta name="temporal-ui" content="__TEMPORAL_UI__"></head></html>',
    );
    const linked = setup({ webDir, temporalUi: { url: 'http://127.0.0.1:8233/', namespace: 'gongzhi' } });
    const withUi = await request(linked.app).get('/admin/cases/x');
    expect(withUi.text).toContain('<meta name="temporal-ui" content="http://127.0.0.1:8233/namespaces/gongzhi">');
    const unlinked = setup({ webDir });
    const withoutUi = await request(unlinked.app).get('/admin/cases/x');
    expect(withoutUi.text).toContain('<meta name="temporal-ui" content="">');
  });
});
