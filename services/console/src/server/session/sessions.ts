import { createHash, randomBytes } from 'node:crypto';
import { AppError, DependencyUnavailableError } from '@gongzhi/errors';
import { AgencyUnavailable, type AgencyAuth, type AuthCaller } from './agency-auth';
import type { SessionRecord, SessionStore } from './session-store';

/** A session that no longer exists or can no longer be refreshed: the person signs in again. */
export class SessionExpiredError extends AppError {
  constructor() {
    super(401, 'session-expired', 'Signed out', {
      detail: 'Your session has ended: sign in again to carry on where you were.',
    });
  }
}

/** Renew the access token this long before it expires, so a request never leaves with one about to lapse. */
const REFRESH_AHEAD_MS = 30_000;

export interface Sessions {
  /** Signs in at agency-service; the cookie value goes to the browser, nothing else of the session does. */
  signIn(
    username: string,
    password: string,
    caller: AuthCaller,
  ): Promise<
    | { ok: true; cookie: string; session: SessionRecord }
    | { ok: false; status: number; problem: object; retryAfter?: string }
  >;
  /** The session behind a cookie, if it still exists and can still be refreshed. */
  current(cookie: string | undefined): Promise<SessionRecord | undefined>;
  /**
   * A valid access token for the session. Refreshes it when it is (about to be) expired, or when a service just
   * refused `rejected`. Concurrent callers share one refresh: refresh tokens are single-use, so a second refresh
   * with the same token would end the session.
   */
  accessToken(cookie: string | undefined, caller: AuthCaller, rejected?: string): Promise<string>;
  signOut(cookie: string | undefined, caller: AuthCaller): Promise<void>;
}

export function hashCookie(cookie: string): string {
  return createHash('sha256').update(cookie).digest('base64url');
}

export function createSessions(deps: { store: SessionStore; agency: AgencyAuth; now?: () => Date }): Sessions {
  const now = deps.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<string>>();
  const usable = (session: SessionRecord) => session.refreshExpiresAt.getTime() > now().getTime();
  const fresh = (session: SessionRecord) => session.accessExpiresAt.getTime() - REFRESH_AHEAD_MS > now().getTime();

  const refresh = (idHash: string, caller: AuthCaller, rejected: string | undefined): Promise<string> =>
    deps.store
      .withLock(idHash, async (current) => {
        if (!current || !usable(current)) return { result: undefined, remove: true };
        // Someone else refreshed while we waited for the lock: use their token.
        if (fresh(current) && current.accessToken !== rejected) return { result: current.accessToken };
        let answer;
        try {
          answer = await deps.agency.refresh(current.refreshToken, caller);
        } catch (error) {
          if (error instanceof AgencyUnavailable) throw new DependencyUnavailableError('agency-service', error);
          throw error;
        }
        if (!answer.ok) {
          if (answer.status === 401) return { result: undefined, remove: true };
          throw new DependencyUnavailableError('agency-service');
        }
        return { result: answer.tokens.accessToken, tokens: answer.tokens };
      })
      .then((token) => {
        if (token === undefined) throw new SessionExpiredError();
        return token;
      });

  return {
    async signIn(username, password, caller) {
      let answer;
      try {
        answer = await deps.agency.login(username, password, caller);
      } catch (error) {
        if (error instanceof AgencyUnavailable) throw new DependencyUnavailableError('agency-service', error);
        throw error;
      }
      if (!answer.ok)
        return {
          ok: false,
          status: answer.status,
          problem: answer.problem,
          ...(answer.retryAfter ? { retryAfter: answer.retryAfter } : {}),
        };
      const cookie = randomBytes(32).toString('base64url');
      const session: SessionRecord = { idHash: hashCookie(cookie), staff: answer.staff, ...answer.tokens };
      await deps.store.create(session);
      return { ok: true, cookie, session };
    },

    async current(cookie) {
      if (!cookie) return undefined;
      const session = await deps.store.find(hashCookie(cookie));
      if (!session) return undefined;
      if (!usable(session)) {
        await deps.store.remove(session.idHash);
        return undefined;
      }
      return session;
    },

    async accessToken(cookie, caller, rejected) {
      const session = await this.current(cookie);
      if (!session) throw new SessionExpiredError();
      if (fresh(session) && session.accessToken !== rejected) return session.accessToken;
      // One refresh per session at a time in this process; the store's lock covers other processes.
      const running = inFlight.get(session.idHash);
      if (running) return await running;
      const started = refresh(session.idHash, caller, rejected).finally(() => inFlight.delete(session.idHash));
      inFlight.set(session.idHash, started);
      return await started;
    },

    async signOut(cookie, caller) {
      if (!cookie) return;
      const idHash = hashCookie(cookie);
      const session = await deps.store.find(idHash);
      await deps.store.remove(idHash);
      // Revoke the refresh token too, so the session cannot be revived from a copy of it; best effort.
      if (session) await deps.agency.logout(session.refreshToken, caller).catch(() => undefined);
    },
  };
}
