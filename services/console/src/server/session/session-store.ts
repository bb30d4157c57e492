/** Who is signed in to a session, as agency-service described them at sign-in. Staff data, never a party's. */
export interface SessionStaff {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  townCode: string;
  roles: string[];
}

/** The tokens agency-service issued for a session. */
export interface SessionTokens {
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface SessionRecord extends SessionTokens {
  /** SHA-256 of the cookie value: the cookie itself is never stored. */
  idHash: string;
  staff: SessionStaff;
}

/** What a locked read of a session decides: keep it, replace its tokens, or end it. */
export type LockedOutcome<T> = { result: T; tokens?: SessionTokens; remove?: boolean };

/** Where sessions live: the console's PostgreSQL database in production, a map in unit tests. */
export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  find(idHash: string): Promise<SessionRecord | undefined>;
  /**
   * Runs `fn` while no other caller (in any console process) can change this session, and applies its outcome:
   * how a single-use refresh token is spent exactly once when several requests find the access token expired.
   */
  withLock<T>(idHash: string, fn: (current: SessionRecord | undefined) => Promise<LockedOutcome<T>>): Promise<T>;
  remove(idHash: string): Promise<void>;
  languageOf(staffId: string): Promise<string | undefined>;
  setLanguage(staffId: string, language: string): Promise<void>;
}

/** The unit tests' store: the same contract in memory, with a per-session lock. */
export function createMemorySessionStore(): SessionStore & { sessions: Map<string, SessionRecord> } {
  const sessions = new Map<string, SessionRecord>();
  const languages = new Map<string, string>();
  const locks = new Map<string, Promise<unknown>>();
  return {
    sessions,
    async create(record) {
      sessions.set(record.idHash, { ...record, staff: { ...record.staff } });
    },
    async find(idHash) {
      const found = sessions.get(idHash);
      return found ? { ...found } : undefined;
    },
    async withLock(idHash, fn) {
      const before = locks.get(idHash) ?? Promise.resolve();
      const run = before.then(async () => {
        const current = sessions.get(idHash);
        const outcome = await fn(current ? { ...current } : undefined);
        if (outcome.remove) sessions.delete(idHash);
        else if (outcome.tokens && current) sessions.set(idHash, { ...current, ...outcome.tokens });
        return outcome.result;
      });
      locks.set(
        idHash,
        run.catch(() => undefined),
      );
      return await run;
    },
    async remove(idHash) {
      sessions.delete(idHash);
    },
    async languageOf(staffId) {
      return languages.get(staffId);
    },
    async setLanguage(staffId, language) {
      languages.set(staffId, language);
    },
  };
}
