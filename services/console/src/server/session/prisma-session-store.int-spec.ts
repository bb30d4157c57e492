/**
 * Console sessions on PostgreSQL, as two console processes behind a balancer share them: a session signed in on one
 * is found on the other, and when both find its access token expired at once, only one spends the (single-use)
 * refresh token; the other waits on the row and takes the rotated tokens.
 */
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { createTestDatabase, eventually, type TestDatabase } from '@gongzhi/testing';
import { PrismaClient } from '../../generated/prisma/client';
import type { AgencyAuth, AuthAnswer } from './agency-auth';
import { createPrismaSessionStore } from './prisma-session-store';
import { createSessions, hashCookie, type Sessions } from './sessions';
import type { SessionStaff, SessionStore, SessionTokens } from './session-store';
import { createTokenSeal } from './token-seal';

const STAFF: SessionStaff = {
  id: '5a7f0000-0000-4000-8000-000000000001',
  username: 'mediator.shangba',
  displayName: '李调解',
  agencyId: '0a9e0000-0000-4000-8000-000000000006',
  townCode: 'qingshui',
  roles: ['mediator'],
};
const CALLER = { requestId: 'req-1', clientAddress: '127.0.0.1' };
const seal = createTokenSeal(`k1:${randomBytes(32).toString('base64')}`);

/**
 * agency-service's side as far as sessions see it: each refresh token works once (a second use is refused, as the
 * real one refuses a replayed token), and a refresh answers only once the other console process has arrived: it is
 * refreshing too, or `otherWaits` sees it waiting in the database.
 */
function singleUseRefreshes(first: SessionTokens, otherWaits: () => Promise<boolean>) {
  const spent = new Set<string>();
  let issued = 0;
  const refreshed: string[] = [];
  const auth: AgencyAuth = {
    login: async (): Promise<AuthAnswer> => ({ ok: true, tokens: first, staff: STAFF }),
    async refresh(refreshToken): Promise<AuthAnswer> {
      refreshed.push(refreshToken);
      await eventually(
        'the other console process at the same session',
        async () => (refreshed.length > 1 || (await otherWaits()) ? true : undefined),
        { timeoutMs: 10_000, pollMs: 20 },
      );
      if (spent.has(refreshToken)) {
        return {
          ok: false,
          status: 401,
          problem: { type: 'about:blank', title: 'Refresh token already used', status: 401 },
        };
      }
      spent.add(refreshToken);
      issued += 1;
      const now = Date.now();
      return {
        ok: true,
        staff: STAFF,
        tokens: {
          accessToken: `access-${issued}`,
          accessExpiresAt: new Date(now + 15 * 60_000),
          refreshToken: `refresh-${issued}`,
          refreshExpiresAt: new Date(now + 8 * 3_600_000),
        },
      };
    },
    logout: async () => undefined,
  };
  return { auth, refreshed };
}

let db: TestDatabase;
const clients: PrismaClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase('console');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await db?.drop();
});

/** One console process: its own connection pool and its own in-process refresh bookkeeping. */
function consoleProcess(auth: AgencyAuth): { sessions: Sessions; store: SessionStore } {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  clients.push(prisma);
  const store = createPrismaSessionStore(prisma, seal);
  return { sessions: createSessions({ store, agency: auth }), store };
}

describe('console sessions shared by two console processes', () => {
  it('spends a session’s refresh token once when both processes find its access token expired at once', async () => {
    const now = Date.now();
    const expired: SessionTokens = {
      accessToken: 'access-0',
      accessExpiresAt: new Date(now - 1_000),
      refreshToken: 'refresh-0',
      refreshExpiresAt: new Date(now + 8 * 3_600_000),
    };
    // A connection of this database waiting for a lock: the other process, at the session's row.
    const observer = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    clients.push(observer);
    const otherWaits = async () => {
      const [row] = await observer.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      return (row?.waiting ?? 0) > 0;
    };
    const { auth, refreshed } = singleUseRefreshes(expired, otherWaits);
    const [first, second] = [consoleProcess(auth), consoleProcess(auth)];
    const [one, two] = [first.sessions, second.sessions];

    const signedIn = await one.signIn('mediator.shangba', 'gongzhi-demo', CALLER);
    if (!signedIn.ok) throw new Error('sign-in failed');
    expect((await two.current(signedIn.cookie))?.staff).toEqual(STAFF);

    const tokens = await Promise.all([
      one.accessToken(signedIn.cookie, CALLER),
      two.accessToken(signedIn.cookie, CALLER),
    ]);
    // One refresh reached agency-service; both processes answer with the token it issued, and the session lives on.
    expect(refreshed).toEqual(['refresh-0']);
    expect(tokens).toEqual(['access-1', 'access-1']);
    const stored = await first.store.find(hashCookie(signedIn.cookie));
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });
});
