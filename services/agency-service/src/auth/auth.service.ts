import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginRequest, Principal, TokenResponse } from '@gongzhi/contracts';
import type { TokenIssuer } from '@gongzhi/auth';
import { AppError, UnauthenticatedError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { StaffRecord, StaffRepository } from '../staff/staff.repository';
import { toStaffView } from '../staff/staff.service';
import type { AuthRepository, LockoutRule } from './auth.repository';

export interface AuthServiceDeps {
  repository: AuthRepository;
  staff: StaffRepository;
  issuer: TokenIssuer;
  audit: AuditTrail;
  logger: Logger;
  refreshTokenTtlSeconds: number;
  lockout?: LockoutRule;
  now?: () => Date;
}

export interface AuthService {
  login(request: LoginRequest, requestId: string): Promise<TokenResponse>;
  refresh(refreshToken: string, requestId: string): Promise<TokenResponse>;
  logout(refreshToken: string, requestId: string): Promise<void>;
}

/** Five consecutive failures lock a username for 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutRule = { maxFailures: 5, lockMs: 15 * 60_000 };

/** One message for an unknown user and a wrong password, so the answer never tells which accounts exist. */
export class WrongCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Wrong username or password: check both and try again.');
  }
}

export class AccountLockedError extends AppError {
  constructor(lockedUntil: Date, now: Date) {
    const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    super(423, 'login-locked', 'Login temporarily locked', {
      detail:
        `Too many failed logins for this username: try again after ${lockedUntil.toISOString()} ` +
        `(in ${Math.ceil(retryAfterSeconds / 60)} min), or ask your coordinator to check the account.`,
      extensions: { retryAfterSeconds, lockedUntil: lockedUntil.toISOString() },
    });
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor() {
    super('The refresh token is not valid (expired, used or revoked): log in again.');
  }
}

/** Refresh tokens are 256 random bits; a fast hash suffices to store them (nothing to brute-force). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function principalOf(staff: StaffRecord): Principal {
  return { staffId: staff.id, agencyId: staff.agencyId, townCode: staff.townCode, roles: staff.roles };
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const now = deps.now ?? (() => new Date());
  const lockout = deps.lockout ?? DEFAULT_LOCKOUT;

  async function openSession(staff: StaffRecord, familyId: string): Promise<TokenResponse> {
    const access = await deps.issuer.issue(principalOf(staff));
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    const refreshExpiresAt = new Date(now().getTime() + deps.refreshTokenTtlSeconds * 1000);
    await deps.repository.storeRefreshToken({
      id: randomUUID(),
      staffId: staff.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      staff: toStaffView(staff),
    };
  }

  return {
    async login(request, requestId) {
      const at = now();
      const attempts = await deps.repository.attemptsOf(request.username);
      // A locked username is refused even with the right password: otherwise guessing could go on behind the lock.
      if (attempts.lockedUntil && attempts.lockedUntil > at) throw new AccountLockedError(attempts.lockedUntil, at);

      const staff = await deps.staff.verifyPassword(request.username, request.password);
      if (!staff) {
        const after = await deps.repository.recordFailure(request.username, at, lockout);
        await deps.audit.record({
          actor: 'anonymous',
          action: 'auth.login-failed',
          objectType: 'login',
          objectId: request.username,
          requestId,
        });
        if (after.lockedUntil && after.lockedUntil > at) {
          deps.logger.warn({ requestId }, 'login locked after repeated failures');
          throw new AccountLockedError(after.lockedUntil, at);
        }
        throw new WrongCredentialsError();
      }
      if (attempts.failedCount > 0 || attempts.lockedUntil) await deps.repository.clearFailures(request.username);
      const session = await openSession(staff, randomUUID());
      await deps.audit.record({
        actor: staff.id,
        action: 'auth.login',
        objectType: 'staff',
        objectId: staff.id,
        requestId,
      });
      return session;
    },

    async refresh(refreshToken, requestId) {
      const at = now();
      const stored = await deps.repository.findRefreshToken(hashRefreshToken(refreshToken));
      if (!stored || stored.revokedAt || stored.expiresAt <= at) throw new InvalidRefreshTokenError();
      const claimed = stored.usedAt === null && (await deps.repository.markUsed(stored.id, at));
      if (!claimed) {
        // A used token presented again means two holders: the legitimate client and a thief. End the whole session.
        await deps.repository.revokeFamily(stored.familyId, at);
        await deps.audit.record({
          actor: stored.staffId,
          action: 'auth.refresh-reused',
          objectType: 'staff',
          objectId: stored.staffId,
          requestId,
        });
        deps.logger.warn({ requestId, staffId: stored.staffId }, 'refresh token reused; session revoked');
        throw new InvalidRefreshTokenError();
      }
      // Roles and the account's state are read again, so a disabled account or a changed role takes effect here.
      const staff = await deps.staff.findById(stored.staffId);
      if (!staff?.active) {
        await deps.repository.revokeFamily(stored.familyId, at);
        throw new InvalidRefreshTokenError();
      }
      const session = await openSession(staff, stored.familyId);
      await deps.audit.record({
        actor: staff.id,
        action: 'auth.refresh',
        objectType: 'staff',
        objectId: staff.id,
        requestId,
      });
      return session;
    },

    async logout(refreshToken, requestId) {
      const stored = await deps.repository.findRefreshToken(hashRefreshToken(refreshToken));
      if (!stored) return;
      await deps.repository.revokeFamily(stored.familyId, now());
      await deps.audit.record({
        actor: stored.staffId,
        action: 'auth.logout',
        objectType: 'staff',
        objectId: stored.staffId,
        requestId,
      });
    },
  };
}
