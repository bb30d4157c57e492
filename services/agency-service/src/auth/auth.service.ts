import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginRequest, Principal, TokenResponse } from '@gongzhi/contracts';
import type { TokenIssuer } from '@gongzhi/auth';
import { AppError, UnauthenticatedError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { StaffRecord } from '../staff/staff.model';
import type { StaffRepository } from '../staff/staff.repository';
import { toStaffView } from '../staff/staff.service';
import type { AuthRepository } from './auth.repository';
import {
  accountGateKey,
  addressGateKey,
  DEFAULT_LOGIN_THROTTLE,
  type LoginThrottlePolicy,
  secondsUntil,
  sourceGateKey,
  sourceHash,
  type ThrottleGate,
  unknownUsernameGateKey,
} from './login-throttle';

export interface AuthServiceDeps {
  repository: AuthRepository;
  staff: StaffRepository;
  issuer: TokenIssuer;
  audit: AuditTrail;
  logger: Logger;
  refreshTokenTtlSeconds: number;
  /** Keys the back-off's hashes (see `deriveLoginThrottleSecret`). */
  secret: Buffer;
  loginThrottle?: LoginThrottlePolicy;
  now?: () => Date;
}

/** Where a login comes from: its request id (audit) and the client address (back-off). */
export interface LoginContext {
  requestId: string;
  clientAddress: string | undefined;
}

export interface AuthService {
  login(request: LoginRequest, context: LoginContext): Promise<TokenResponse>;
  refresh(refreshToken: string, requestId: string): Promise<TokenResponse>;
  logout(refreshToken: string, requestId: string): Promise<void>;
}

/** One message for an unknown user and a wrong password, so the answer never tells which accounts exist. */
export class WrongCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Wrong username or password: check both and try again.');
  }
}

/**
 * Too many recent failures for this username or from this address: the attempt was refused before its password was
 * checked. Says when to try again (also in `Retry-After`, which the controller sets from `retryAfterSeconds`).
 */
export class LoginThrottledError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAt: Date, now: Date) {
    const retryAfterSeconds = secondsUntil(retryAt, now);
    super(429, 'login-throttled', 'Too many failed logins', {
      detail:
        `Too many failed logins for this username or from this address: try again after ${retryAt.toISOString()} ` +
        `(in ${retryAfterSeconds} s). The wait grows with each failure and shrinks when none come; a successful ` +
        'login clears the count of its username.',
      extensions: { retryAfterSeconds, retryAt: retryAt.toISOString() },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Forgiven rows deleted after each failed login: more than one failure can create, so the table cannot grow. */
const FORGET_BATCH = 100;

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
  const throttle = deps.loginThrottle ?? DEFAULT_LOGIN_THROTTLE;

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
    async login(request, { requestId, clientAddress }) {
      const at = now();
      const staffId = await deps.staff.idOfUsername(request.username);
      // Looked up for an unknown username too (under a hash no success ever stored), so both take the same steps.
      const source = sourceHash(staffId ?? `unknown-username:${request.username}`, clientAddress, deps.secret);
      const knownSource =
        (await deps.repository.isKnownSource(source, new Date(at.getTime() - throttle.knownSourceTtlMs))) &&
        staffId !== undefined;
      // From an address this account signed in from before, only failures at this account from there count: strangers
      // elsewhere, however many addresses they take turns with, cannot make the owner wait at their usual place.
      const accountGate: ThrottleGate = {
        key: knownSource
          ? sourceGateKey(source)
          : staffId
            ? accountGateKey(staffId)
            : unknownUsernameGateKey(request.username, throttle.unknownUsernameBuckets, deps.secret),
        rule: throttle.account,
      };
      const addressGate: ThrottleGate = { key: addressGateKey(clientAddress), rule: throttle.address };
      // Reserved before the password is checked, so attempts in flight count and a burst cannot outrun the back-off;
      // a refused attempt is refused even with the right password, or guessing could go on behind the wait.
      const reservation = await deps.repository.reserveLoginAttempt([accountGate, addressGate], at);
      if (!reservation.admitted) {
        deps.logger.info({ requestId }, 'login refused by back-off');
        throw new LoginThrottledError(reservation.retryAt, at);
      }

      const staff = await deps.staff.verifyPassword(request.username, request.password);
      if (!staff) {
        await deps.repository.forgetExpiredThrottles(at, FORGET_BATCH);
        // The account, when there is one; never an unknown username, which may be a mistyped password or anything
        // a stranger sends (the request id joins the record to the request's log line).
        await deps.audit.record({
          actor: 'anonymous',
          action: 'auth.login-failed',
          objectType: staffId ? 'staff' : 'login',
          objectId: staffId ?? 'unknown-username',
          requestId,
        });
        throw new WrongCredentialsError();
      }
      // Clears the gate this attempt passed: from a known source its own, so the owner signing in there does not hand
      // strangers fresh free tries at the account gate.
      await deps.repository.settleSuccessfulLogin({ reset: [accountGate], refund: [addressGate] }, at);
      await deps.repository.rememberSource(source, at);
      await deps.repository.forgetStaleSources(new Date(at.getTime() - throttle.knownSourceTtlMs), FORGET_BATCH);
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
