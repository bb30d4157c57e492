/**
 * Login back-off on real PostgreSQL, through the real app over real sockets: requests leave from different loopback
 * addresses (127.0.0.x), so the per-address gate sees what it would see in production. The back-off's clock is the
 * wiring's `now`, moved by the test; nothing sleeps.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../generated/prisma/client';
import { DEMO_PASSWORD, seedDemoTown } from '../seed/demo-town';
import { createPrismaAgencyService, type PrismaAgencyService } from '../testing/prisma-wiring';
import {
  addressGateKey,
  DEFAULT_LOGIN_THROTTLE,
  deriveLoginThrottleSecret,
  type ThrottleGate,
  unknownUsernameGateKey,
} from './login-throttle';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase('agency');
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  await seedDemoTown(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { retryAfterSeconds?: number; retryAt?: string; detail?: string; type?: string; accessToken?: string };
}

/** The app on a loopback port, and a login sent from a chosen loopback source address. */
async function serve(service: PrismaAgencyService): Promise<{
  login(from: string, username: string, password: string): Promise<Answer>;
  close(): Promise<void>;
}> {
  const server: Server = service.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const login = (from: string, username: string, password: string) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = JSON.stringify({ username, password });
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          localAddress: from,
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          agent: false,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const header = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, retryAfter: header, body: JSON.parse(text) as Answer['body'] });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { login, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A settable clock for the back-off, starting now. */
function settableClock() {
  const clock = { now: new Date() };
  return { clock, now: () => new Date(clock.now) };
}

/** A refusal says when to come back, in the header and in the problem alike. */
function expectRetryAfter(answer: Answer): number {
  expect(answer.status).toBe(429);
  expect(answer.body.type).toBe('urn:gongzhi:problem:login-throttled');
  const seconds = Number(answer.retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(answer.body.retryAfterSeconds).toBe(seconds);
  expect(answer.body.detail).toContain(`try again after ${answer.body.retryAt}`);
  return seconds;
}

describe('login back-off on PostgreSQL', () => {
  it('checks no more passwords than the allowance in a parallel burst, and the right password waits its turn', async () => {
    // The back-off's clock stands still: the burst's bcrypt work must not open the first one-second window.
    const { now } = settableClock();
    const service = await createPrismaAgencyService(prisma, { now });
    const checks = jest.spyOn(service.repositories.staff, 'verifyPassword');
    const { login, close } = await serve(service);
    try {
      // 30 wrong passwords and the right one 16th, all in flight at once (each check costs bcrypt's ~100 ms).
      const attempts = Array.from({ length: 31 }, (_, i) =>
        login('127.0.0.11', 'mediator.dongkou', i === 15 ? DEMO_PASSWORD : `wrong-${i}`),
      );
      const answers = await Promise.all(attempts);
      const allowance = DEFAULT_LOGIN_THROTTLE.account.free;
      expect(checks.mock.calls.length).toBeLessThanOrEqual(allowance);
      const checked = answers.filter((answer) => answer.status !== 429);
      expect(checked).toHaveLength(checks.mock.calls.length);
      for (const refused of answers.filter((answer) => answer.status === 429)) expectRetryAfter(refused);
      // The right password signs in only if it was among the attempts the allowance let through.
      const right = answers[15];
      const rightWasChecked = checks.mock.calls.some(([, password]) => password === DEMO_PASSWORD);
      expect(right?.status).toBe(rightWasChecked ? 200 : 429);

      // Until the wait is over even the right password is refused, unchecked.
      if (!rightWasChecked) {
        const before = checks.mock.calls.length;
        expectRetryAfter(await login('127.0.0.11', 'mediator.dongkou', DEMO_PASSWORD));
        expect(checks.mock.calls.length).toBe(before);
      }
    } finally {
      await close();
    }
  });

  it('reserves attempts atomically in the database: of 40 concurrent reservations exactly the allowance passes', async () => {
    const { repositories } = await createPrismaAgencyService(prisma);
    const gates: ThrottleGate[] = [
      { key: 'account:atomicity-test', rule: DEFAULT_LOGIN_THROTTLE.account },
      { key: 'address:atomicity-test', rule: { ...DEFAULT_LOGIN_THROTTLE.address, free: 1000 } },
    ];
    const at = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => repositories.auth.reserveLoginAttempt(gates, at)),
    );
    expect(outcomes.filter((outcome) => outcome.admitted)).toHaveLength(DEFAULT_LOGIN_THROTTLE.account.free);
    const rows = await prisma.loginThrottle.findMany({
      where: { key: { in: gates.map((gate) => gate.key) } },
      orderBy: { key: 'asc' },
      select: { key: true, failures: true },
    });
    expect(rows).toEqual([
      { key: 'account:atomicity-test', failures: 5 },
      { key: 'address:atomicity-test', failures: 5 },
    ]);
  });

  it('lets a stranger failing from one address make a user at another wait at most the bounded back-off', async () => {
    const { clock, now } = settableClock();
    const service = await createPrismaAgencyService(prisma, { now });
    const { login, close } = await serve(service);
    const maxWaitSeconds = DEFAULT_LOGIN_THROTTLE.account.maxDelayMs / 1000;
    try {
      // The stranger guesses the coordinator's password from one address as fast as they are let: 30 guesses.
      let guesses = 0;
      while (guesses < 30) {
        const answer = await login('127.0.0.21', 'coordinator', `guess-${guesses}`);
        if (answer.status === 429) {
          clock.now = new Date(answer.body.retryAt ?? '');
          continue;
        }
        expect(answer.status).toBe(401);
        guesses += 1;
      }

      // The coordinator, at the office, waits no longer than the account's ceiling, then signs in.
      const refused = await login('127.0.0.22', 'coordinator', DEMO_PASSWORD);
      const waited = expectRetryAfter(refused);
      expect(waited).toBeLessThanOrEqual(maxWaitSeconds);
      clock.now = new Date(clock.now.getTime() + waited * 1000);
      const signedIn = await login('127.0.0.22', 'coordinator', DEMO_PASSWORD);
      expect(signedIn.status).toBe(200);

      // The stranger's own address now waits far longer than any window it could impose on the account, so it
      // cannot keep the coordinator shut out: between two of its guesses the account stays open.
      const strangerWait = expectRetryAfter(await login('127.0.0.21', 'coordinator', 'guess-again'));
      expect(strangerWait).toBeGreaterThan(maxWaitSeconds);

      // And the coordinator's own address was never counted for the stranger's failures: a typo costs nothing.
      expect((await login('127.0.0.22', 'coordinator', 'typo')).status).toBe(401);
      expect((await login('127.0.0.22', 'coordinator', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('does not tell whether a username exists to someone who fills the bucket they compute offline', async () => {
    const { now } = settableClock();
    const service = await createPrismaAgencyService(prisma, { now });
    const { login, close } = await serve(service);
    const buckets = DEFAULT_LOGIN_THROTTLE.unknownUsernameBuckets;
    // What an attacker can compute without the server's secret: a plain hash of the name, mod the bucket count.
    const offlineBucket = (name: string) =>
      createHash('sha256').update(name, 'utf8').digest().readUInt32BE(0) % buckets;
    const madeUpNameInBucketOf = (target: string) => {
      for (let i = 0; ; i += 1) {
        const name = `made-up-${target}-${i}`;
        if (offlineBucket(name) === offlineBucket(target)) return name;
      }
    };
    // The unknown target must not share the made-up name's real bucket by chance (1 in 1,024): the test knows the
    // server's secret, the attacker does not.
    const secret = deriveLoginThrottleSecret(service.staffPrivateKeyPem);
    let ghost = 'nobody-here-0';
    // (Bounded: were the buckets the attacker's plain hash, every candidate would collide and the probe below fail.)
    for (let i = 1; i < 20; i += 1) {
      const filler = madeUpNameInBucketOf(ghost);
      if (unknownUsernameGateKey(filler, buckets, secret) !== unknownUsernameGateKey(ghost, buckets, secret)) break;
      ghost = `nobody-here-${i}`;
    }
    try {
      const probe = async (target: string, from: string, probeFrom: string) => {
        const filler = madeUpNameInBucketOf(target);
        for (let i = 0; i < DEFAULT_LOGIN_THROTTLE.account.free; i += 1) {
          expect((await login(from, filler, `wrong-${i}`)).status).toBe(401);
        }
        return login(probeFrom, target, 'wrong-once');
      };
      const existing = await probe('mediator.shangba', '127.0.0.51', '127.0.0.52');
      const unknown = await probe(ghost, '127.0.0.53', '127.0.0.54');
      // The same answer either way: status, problem type and words.
      expect(unknown.status).toBe(existing.status);
      expect(unknown.status).toBe(401);
      expect({ type: unknown.body.type, detail: unknown.body.detail }).toEqual({
        type: existing.body.type,
        detail: existing.body.detail,
      });
    } finally {
      await close();
    }
  });

  it('lets the owner sign in from an address they signed in from before while strangers keep the account gate shut', async () => {
    const { now } = settableClock();
    const service = await createPrismaAgencyService(prisma, { now });
    const { login, close } = await serve(service);
    try {
      // The administrator's usual place: signed in there once, so it is a known source.
      expect((await login('127.0.0.61', 'admin', DEMO_PASSWORD)).status).toBe(200);

      // Strangers take turns from five addresses (two failures each: none of their own gates ever waits) until
      // the account gate is shut.
      const strangers = ['127.0.0.62', '127.0.0.63', '127.0.0.64', '127.0.0.65', '127.0.0.66'];
      for (const [i, from] of [...strangers, ...strangers].entries()) {
        const answer = await login(from, 'admin', `guess-${i}`);
        expect([401, 429]).toContain(answer.status);
      }
      // A new address, even with the right password, waits for the account gate.
      expectRetryAfter(await login('127.0.0.67', 'admin', DEMO_PASSWORD));

      // The administrator at the known address signs in at once, the clock standing still, and again.
      expect((await login('127.0.0.61', 'admin', DEMO_PASSWORD)).status).toBe(200);
      expect((await login('127.0.0.61', 'admin', 'typo')).status).toBe(401);
      expect((await login('127.0.0.61', 'admin', DEMO_PASSWORD)).status).toBe(200);

      // The owner's success there handed the strangers no fresh tries: a new address still waits.
      expectRetryAfter(await login('127.0.0.67', 'admin', DEMO_PASSWORD));
      expectRetryAfter(await login('127.0.0.62', 'admin', 'guess-more'));

      // Nothing of the pair is stored in clear: one keyed hash per known source.
      const sources = await prisma.loginKnownSource.findMany({ select: { key: true } });
      expect(sources.every((row) => /^[0-9a-f]{32}$/.test(row.key))).toBe(true);
    } finally {
      await close();
    }
  });

  it('forgets a known source 30 days after its last success: from there the account gate applies again', async () => {
    const { clock, now } = settableClock();
    const service = await createPrismaAgencyService(prisma, { now });
    const { login, close } = await serve(service);
    try {
      expect((await login('127.0.0.71', 'liaison.court', DEMO_PASSWORD)).status).toBe(200);
      clock.now = new Date(clock.now.getTime() + DEFAULT_LOGIN_THROTTLE.knownSourceTtlMs + 1000);
      for (let i = 0; i < 8; i += 1) await login(`127.0.0.${72 + (i % 4)}`, 'liaison.court', `guess-${i}`);
      expectRetryAfter(await login('127.0.0.71', 'liaison.court', DEMO_PASSWORD));
    } finally {
      await close();
    }
  });

  it('does not count successful logins: many sign-ins from one address never wait', async () => {
    const { login, close } = await serve(await createPrismaAgencyService(prisma));
    try {
      for (let i = 0; i < 15; i += 1) {
        const answer = await login('127.0.0.31', i % 2 === 0 ? 'admin' : 'mediator.xiaba', DEMO_PASSWORD);
        expect(answer.status).toBe(200);
      }
      // Each success gave its reservation back: the address holds no row at all.
      expect(await prisma.loginThrottle.count({ where: { key: addressGateKey('127.0.0.31') } })).toBe(0);
    } finally {
      await close();
    }
  });

  it('stores nothing per unknown username: random names leave no trace and a bounded number of rows', async () => {
    const { clock, now } = settableClock();
    const buckets = 8;
    const service = await createPrismaAgencyService(prisma, {
      now,
      loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, unknownUsernameBuckets: buckets },
    });
    const { login, close } = await serve(service);
    const tables = (
      await prisma.$queryRaw<{ name: string }[]>`
        SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`
    ).map((row) => row.name);
    const rowCount = async (except: string[]) => {
      let total = 0;
      for (const table of tables.filter((name) => !except.includes(name))) {
        const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
        total += Number(row?.n ?? 0);
      }
      return total;
    };
    // The audit trail keeps one record per password checked (never the name): it is the security log, and the
    // back-off bounds how fast it grows. Everything else must not grow with the number of names.
    const before = await rowCount(['audit_records']);
    try {
      const names = Array.from({ length: 40 }, (_, i) => `ghost-${i}-${Math.random().toString(36).slice(2, 10)}`);
      for (const name of names) {
        let answer = await login('127.0.0.41', name, 'whatever-password');
        while (answer.status === 429) {
          clock.now = new Date(answer.body.retryAt ?? '');
          answer = await login('127.0.0.41', name, 'whatever-password');
        }
        expect(answer.status).toBe(401);
      }
      expect((await rowCount(['audit_records'])) - before).toBeLessThanOrEqual(buckets + 1);
      for (const table of tables) {
        const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table}" t WHERE t::text LIKE '%ghost-%'`,
        );
        expect([table, Number(row?.n ?? 0)]).toEqual([table, 0]);
      }
    } finally {
      await close();
    }
  });
});
