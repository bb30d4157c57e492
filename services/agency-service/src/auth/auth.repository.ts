import type { PrismaClient } from '../generated/prisma/client';

/** Consecutive failed logins of a username, and until when it is locked. */
export interface LoginAttemptState {
  failedCount: number;
  lockedUntil: Date | null;
}

export interface LockoutRule {
  maxFailures: number;
  lockMs: number;
}

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

/** Login throttling and refresh-token sessions. */
export interface AuthRepository {
  attemptsOf(username: string): Promise<LoginAttemptState>;
  /** Counts a failure; the failure that reaches `maxFailures` locks the username and starts a fresh count. */
  recordFailure(username: string, now: Date, rule: LockoutRule): Promise<LoginAttemptState>;
  clearFailures(username: string): Promise<void>;
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

export function createAuthRepository(prisma: PrismaClient): AuthRepository {
  return {
    async attemptsOf(username) {
      const row = await prisma.loginAttempt.findUnique({
        where: { username },
        select: { failedCount: true, lockedUntil: true },
      });
      return row ?? { failedCount: 0, lockedUntil: null };
    },

    async recordFailure(username, now, rule) {
      // The increment is one atomic statement, so concurrent guesses cannot slip past the limit.
      const row = await prisma.loginAttempt.upsert({
        where: { username },
        create: { username, failedCount: 1 },
        update: { failedCount: { increment: 1 } },
        select: { failedCount: true, lockedUntil: true },
      });
      if (row.failedCount < rule.maxFailures) return row;
      return prisma.loginAttempt.update({
        where: { username },
        data: { failedCount: 0, lockedUntil: new Date(now.getTime() + rule.lockMs) },
        select: { failedCount: true, lockedUntil: true },
      });
    },

    async clearFailures(username) {
      await prisma.loginAttempt.deleteMany({ where: { username } });
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
