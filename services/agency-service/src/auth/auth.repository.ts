import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { admit, refund, type StoredThrottleState, type ThrottleGate, type ThrottleState } from './login-throttle';

/** Whether an attempt may check its password: reserved at every gate, or refused until `retryAt`. */
export type LoginReservation = { admitted: true } | { admitted: false; retryAt: Date };

export interface NewRefreshToken {
  id: string;
  staffId: string;
  familyId: string;
  /** SHA-256 of the token: the token itself is never stored. */
  tokenHash: string;
  expiresAt: Date;
}

export interface RefreshTokenRecord {
  id: string;
  staffId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Login back-off and refresh-token sessions. */
export interface AuthRepository {
  /**
   * Reserves a failure at every gate, atomically and before the password is checked, unless one of them is still
   * waiting (see login-throttle.ts `admit`): concurrent attempts queue on the gates' rows, so none slips past.
   */
  reserveLoginAttempt(gates: readonly ThrottleGate[], now: Date): Promise<LoginReservation>;
  /** A reserved attempt succeeded: `reset` gates start afresh, `refund` gates get their reservation back. */
  settleSuccessfulLogin(
    settle: { reset: readonly ThrottleGate[]; refund: readonly ThrottleGate[] },
    now: Date,
  ): Promise<void>;
  /** Deletes up to `limit` rows whose failures are all forgiven; how many it deleted. */
  forgetExpiredThrottles(now: Date, limit: number): Promise<number>;
  /** Whether this (account, address) hash signed in successfully after `since` (a known source). */
  isKnownSource(hash: string, since: Date): Promise<boolean>;
  /** Records a successful login from this (account, address) hash: it is a known source from now on. */
  rememberSource(hash: string, at: Date): Promise<void>;
  /** Deletes up to `limit` known sources whose last success was before `before`; how many it deleted. */
  forgetStaleSources(before: Date, limit: number): Promise<number>;
  storeRefreshToken(token: NewRefreshToken): Promise<void>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /** Marks the token used if it is still unused and unrevoked; false when another request used it first. */
  markUsed(id: string, now: Date): Promise<boolean>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
}

const tokenSelect = {
  id: true,
  staffId: true,
  familyId: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
} as const;

interface ThrottleRow {
  failures: number;
  lastAttemptAt: Date;
}

/** Thrown inside the reservation's transaction to roll it back. */
class AttemptRefused extends Error {
  constructor(readonly retryAt: Date) {
    super('login attempt refused by back-off');
  }
}

async function writeState(tx: Prisma.TransactionClient, key: string, state: StoredThrottleState): Promise<void> {
  await tx.$executeRaw`
    UPDATE login_throttles
    SET failures = ${state.failures}, last_attempt_at = ${state.lastAttemptAt}, forget_at = ${state.forgetAt}
    WHERE key = ${key}`;
}

export function createAuthRepository(prisma: PrismaClient): AuthRepository {
  return {
    async reserveLoginAttempt(gates, now) {
      const ordered = [...gates].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      try {
        await prisma.$transaction(async (tx) => {
          const states = new Map<string, ThrottleState>();
          for (const gate of ordered) {
            // Creates the row if need be and locks it either way, in key order, so two attempts sharing a gate
            // queue here instead of both reading the count before either writes it (and never deadlock).
            const rows = await tx.$queryRaw<ThrottleRow[]>`
              INSERT INTO login_throttles (key, failures, last_attempt_at, forget_at)
              VALUES (${gate.key}, 0, ${now}, ${now})
              ON CONFLICT (key) DO UPDATE SET failures = login_throttles.failures
              RETURNING failures, last_attempt_at AS "lastAttemptAt"`;
            const row = rows[0];
            if (row && row.failures > 0) states.set(gate.key, row);
          }
          const decision = admit(ordered, states, now);
          // Rolling back leaves no trace of a refused attempt, not even the empty rows just created.
          if (!decision.admitted) throw new AttemptRefused(decision.retryAt);
          for (const [key, state] of decision.states) await writeState(tx, key, state);
        });
        return { admitted: true };
      } catch (error) {
        if (error instanceof AttemptRefused) return { admitted: false, retryAt: error.retryAt };
        throw error;
      }
    },

    async settleSuccessfulLogin({ reset, refund: giveBack }, now) {
      const keys = [...reset.map((gate) => gate.key), ...giveBack.map((gate) => gate.key)].sort();
      await prisma.$transaction(async (tx) => {
        for (const key of keys) {
          const gate = giveBack.find((candidate) => candidate.key === key);
          if (!gate) {
            await tx.$executeRaw`DELETE FROM login_throttles WHERE key = ${key}`;
            continue;
          }
          const rows = await tx.$queryRaw<ThrottleRow[]>`
            SELECT failures, last_attempt_at AS "lastAttemptAt" FROM login_throttles WHERE key = ${key} FOR UPDATE`;
          const after = refund(gate.rule, rows[0], now);
          if (after) await writeState(tx, key, after);
          else await tx.$executeRaw`DELETE FROM login_throttles WHERE key = ${key}`;
        }
      });
    },

    async forgetExpiredThrottles(now, limit) {
      // SKIP LOCKED: a row an attempt holds right now is not forgotten under it; the next sweep takes it.
      return prisma.$executeRaw`
        DELETE FROM login_throttles WHERE key IN (
          SELECT key FROM login_throttles WHERE forget_at <= ${now}
          ORDER BY forget_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
    },

    async isKnownSource(hash, since) {
      const row = await prisma.loginKnownSource.findUnique({ where: { key: hash }, select: { lastSuccessAt: true } });
      return row !== null && row.lastSuccessAt > since;
    },

    async rememberSource(hash, at) {
      await prisma.loginKnownSource.upsert({
        where: { key: hash },
        create: { key: hash, lastSuccessAt: at },
        update: { lastSuccessAt: at },
        select: { key: true },
      });
    },

    async forgetStaleSources(before, limit) {
      return prisma.$executeRaw`
        DELETE FROM login_known_sources WHERE key IN (
          SELECT key FROM login_known_sources WHERE last_success_at < ${before}
          ORDER BY last_success_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
    },

    async storeRefreshToken(token) {
      await prisma.refreshToken.create({ data: token, select: { id: true } });
    },

    async findRefreshToken(tokenHash) {
      const row = await prisma.refreshToken.findUnique({ where: { tokenHash }, select: tokenSelect });
      return row ?? undefined;
    },

    async markUsed(id, now) {
      const { count } = await prisma.refreshToken.updateMany({
        where: { id, usedAt: null, revokedAt: null },
        data: { usedAt: now },
      });
      return count === 1;
    },

    async revokeFamily(familyId, now) {
      await prisma.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
    },
  };
}
