import request from 'supertest';
import { createTokenVerifier } from '@gongzhi/auth';
import { DEMO_PASSWORD, DEMO_STAFF } from '../seed/demo-town';
import { createFakeAgencyService, seedInMemoryDemoTown } from '../agency-service.fakes';

async function setup() {
  const fake = await createFakeAgencyService();
  await seedInMemoryDemoTown(fake);
  const login = (username: string, password: string) =>
    request(fake.app).post('/api/v1/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => request(fake.app).post('/api/v1/auth/refresh').send({ refreshToken });
  return { fake, login, refresh };
}

describe('login', () => {
  it('returns an access token that verifies with the published public key, a refresh token and the staff account', async () => {
    const { fake, login } = await setup();
    const res = await login('mediator.shangba', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      refreshToken: expect.stringMatching(/^rt_[\w-]{43}$/),
      staff: { id: DEMO_STAFF.mediatorShangba.id, roles: ['mediator'], townCode: 'qingshui' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/\$2[aby]\$/);
    const published = await request(fake.app).get('/api/v1/auth/public-key');
    const verifier = await createTokenVerifier({ publicKeyPem: published.body.publicKeyPem });
    expect(await verifier.verify(res.body.accessToken)).toEqual({
      staffId: DEMO_STAFF.mediatorShangba.id,
      agencyId: DEMO_STAFF.mediatorShangba.agencyId,
      townCode: 'qingshui',
      roles: ['mediator'],
    });
    expect(fake.audit).toContainEqual(
      expect.objectContaining({ action: 'auth.login', objectId: DEMO_STAFF.mediatorShangba.id }),
    );
    // The refresh token is stored only as a hash.
    expect(JSON.stringify([...fake.repositories.auth.tokens.values()])).not.toContain(res.body.refreshToken);
  });

  it('answers an unknown user and a wrong password with the same problem', async () => {
    const { login } = await setup();
    const wrong = await login('mediator.shangba', 'not-the-password');
    const unknown = await login('nobody.here', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(wrong.body.detail).toBe('Wrong username or password: check both and try again.');
  });

  it('rejects a malformed body with a validation problem', async () => {
    const { login } = await setup();
    const res = await login('', '');
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['password', 'username']);
  });

  it('makes a username wait after 5 failures, even with the right password, and says until when', async () => {
    const { fake, login } = await setup();
    for (let i = 0; i < 5; i += 1) expect((await login('coordinator', 'wrong-password')).status).toBe(401);
    const sixth = await login('coordinator', DEMO_PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.headers['retry-after']).toBe('1');
    expect(sixth.body).toMatchObject({
      type: 'urn:gongzhi:problem:login-throttled',
      retryAfterSeconds: 1,
      retryAt: '2026-09-30T01:00:01.000Z',
    });
    expect(sixth.body.detail).toContain('try again after 2026-09-30T01:00:01.000Z');

    fake.clock.now = new Date('2026-09-30T01:00:01Z');
    expect((await login('coordinator', DEMO_PASSWORD)).status).toBe(200);
  });

  it('doubles the wait with each further failure, up to 5 min for a username', async () => {
    const { fake, login } = await setup();
    const waits: string[] = [];
    for (let i = 0; i < 5; i += 1) await login('coordinator', 'wrong-password');
    for (let i = 0; i < 12; i += 1) {
      const refused = await login('coordinator', 'wrong-password');
      expect(refused.status).toBe(429);
      waits.push(refused.headers['retry-after'] ?? '');
      fake.clock.now = new Date(refused.body.retryAt);
      expect((await login('coordinator', 'wrong-password')).status).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4', '8', '16', '32', '64', '128', '256', '300', '300', '300']);
  });

  it('throttles unknown usernames the same way, so the back-off reveals nothing, and never audits the name', async () => {
    const { fake, login } = await setup();
    for (let i = 0; i < 5; i += 1) expect((await login('nobody.here', 'guess')).status).toBe(401);
    expect((await login('nobody.here', 'guess')).status).toBe(429);
    expect(JSON.stringify(fake.audit)).not.toContain('nobody.here');
    expect(fake.audit).toContainEqual(
      expect.objectContaining({ action: 'auth.login-failed', objectType: 'login', objectId: 'unknown-username' }),
    );
  });

  it('counts the client address a trusted proxy forwards, and no address a client names itself', async () => {
    const fromBehind = async (trustedProxies: string[] | undefined) => {
      const fake = await createFakeAgencyService(trustedProxies ? { trustedProxies } : {});
      await seedInMemoryDemoTown(fake);
      return (client: string, username: string, password: string) =>
        request(fake.app).post('/api/v1/auth/login').set('X-Forwarded-For', client).send({ username, password });
    };
    // Ten failures from one browser behind the console's server (a loopback proxy here), spread over accounts.
    const accounts = ['mediator.shangba', 'mediator.xiaba', 'mediator.dongkou', 'liaison.court', 'grid.shangba'];
    const failTenTimes = async (login: Awaited<ReturnType<typeof fromBehind>>) => {
      for (let i = 0; i < 10; i += 1) {
        expect((await login('203.0.113.5', accounts[i % accounts.length] ?? '', 'wrong-password')).status).toBe(401);
      }
    };

    const trusted = await fromBehind(['loopback']);
    await failTenTimes(trusted);
    expect((await trusted('203.0.113.5', 'coordinator', DEMO_PASSWORD)).status).toBe(429);
    expect((await trusted('203.0.113.6', 'coordinator', DEMO_PASSWORD)).status).toBe(200);

    // Not trusted: the header is ignored, so naming another address does not escape the back-off.
    const untrusted = await fromBehind(undefined);
    await failTenTimes(untrusted);
    expect((await untrusted('203.0.113.6', 'coordinator', DEMO_PASSWORD)).status).toBe(429);
  });

  it('counts consecutive failures only: a success starts the count again', async () => {
    const { login } = await setup();
    for (let i = 0; i < 4; i += 1) await login('admin', 'wrong-password');
    expect((await login('admin', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login('admin', 'wrong-password')).status).toBe(401);
  });

  it('refuses a disabled account with the same generic message', async () => {
    const { fake, login } = await setup();
    const row = fake.repositories.staff.rows.get(DEMO_STAFF.gridWorker.id);
    if (row) row.active = false;
    const res = await login('grid.shangba', DEMO_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('Wrong username or password');
  });
});

describe('refresh tokens', () => {
  it('rotate: a refresh gives a new access token and a new refresh token, and the old one stops working', async () => {
    const { login, refresh } = await setup();
    const session = (await login('liaison.police', DEMO_PASSWORD)).body;
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.body.refreshToken).not.toBe(session.refreshToken);
    expect(renewed.body.staff.roles).toEqual(['liaison', 'mediator']);
    expect((await refresh(renewed.body.refreshToken)).status).toBe(200);
  });

  it('revoke the whole session when a used token comes back (it was copied)', async () => {
    const { fake, login, refresh } = await setup();
    const session = (await login('liaison.police', DEMO_PASSWORD)).body;
    const renewed = (await refresh(session.refreshToken)).body;
    const replay = await refresh(session.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toContain('log in again');
    // The thief's replay also ends the legitimate holder's newer token.
    expect((await refresh(renewed.refreshToken)).status).toBe(401);
    expect(fake.audit).toContainEqual(expect.objectContaining({ action: 'auth.refresh-reused' }));
  });

  it('expire', async () => {
    const { fake, login, refresh } = await setup();
    const session = (await login('liaison.court', DEMO_PASSWORD)).body;
    fake.clock.now = new Date(fake.clock.now.getTime() + 3600_000);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('are refused for unknown tokens and after logout', async () => {
    const { fake, login, refresh } = await setup();
    expect((await refresh('rt_this-token-was-never-issued-by-us')).status).toBe(401);
    const session = (await login('liaison.judicial', DEMO_PASSWORD)).body;
    const out = await request(fake.app).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken });
    expect(out.body).toEqual({ revoked: true });
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('stop working when the account is disabled', async () => {
    const { fake, login, refresh } = await setup();
    const session = (await login('mediator.xiaba', DEMO_PASSWORD)).body;
    const row = fake.repositories.staff.rows.get(DEMO_STAFF.mediatorXiaba.id);
    if (row) row.active = false;
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });
});
