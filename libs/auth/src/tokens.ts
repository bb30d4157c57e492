import {
  SignJWT,
  decodeJwt,
  errors as joseErrors,
  importPKCS8,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type Principal,
  type PrincipalRole,
  SERVICE_ROLES,
  type ServiceRole,
  STAFF_ROLES,
  type StaffRole,
  WORKFLOW_ENGINE_TOKEN_ISSUER,
} from '@gongzhi/contracts';
import { UnauthenticatedError } from '@gongzhi/errors';

/**
 * Access tokens are EdDSA (Ed25519) JWTs: agency-service signs staff tokens with its private key, the dispute worker
 * signs its own service tokens with another; every service verifies with the public keys alone, so no shared secret
 * exists anywhere.
 */
const ALGORITHM = 'EdDSA';

/** The longest staff access token agency-service may issue (its ACCESS_TOKEN_TTL_SECONDS is bounded by it). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;
/** The longest `workflow-engine` token the dispute worker may mint (its SERVICE_TOKEN_TTL_SECONDS is bounded by it). */
export const MAX_SERVICE_TOKEN_TTL_SECONDS = 3_600;
/**
 * How far a token's `iat` may lie in the future: the clocks of the signer and the verifier may disagree a little, but a
 * token "issued" later than that was minted to outlive its lifetime (a far-future `iat` would otherwise stretch it).
 */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface TokenIssuer {
  issue(principal: Principal): Promise<IssuedToken>;
}

export interface TokenVerifier {
  /** Resolves to the caller, or rejects with UnauthenticatedError (expired, forged, malformed). */
  verify(token: string): Promise<Principal>;
}

function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

function isServiceRole(value: unknown): value is ServiceRole {
  return typeof value === 'string' && (SERVICE_ROLES as readonly string[]).includes(value);
}

/** Refuses, at start-up, a lifetime no verifier would accept: better than minting tokens every service refuses. */
function checkTtl(ttlSeconds: number, max: number, whose: string): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > max) {
    throw new Error(`${whose} token lifetime must be a whole number of seconds from 1 to ${max}, not ${ttlSeconds}.`);
  }
}

async function sign(
  key: KeyLike,
  issuer: string,
  principal: Principal,
  issuedAt: number,
  ttlSeconds: number,
): Promise<IssuedToken> {
  const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
  const token = await new SignJWT({ agency: principal.agencyId, town: principal.townCode, roles: principal.roles })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(principal.staffId)
    .setIssuer(issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  return { token, expiresAt };
}

/** agency-service's issuer of staff tokens. */
export async function createTokenIssuer(options: {
  privateKeyPem: string;
  ttlSeconds: number;
  now?: () => Date;
}): Promise<TokenIssuer> {
  checkTtl(options.ttlSeconds, MAX_ACCESS_TOKEN_TTL_SECONDS, 'An access');
  const key: KeyLike = await importPKCS8(options.privateKeyPem, ALGORITHM);
  const now = options.now ?? (() => new Date());
  return {
    async issue(principal) {
      // Verifiers refuse such a token anyway; refusing to sign it keeps the staff key from ever producing one.
      if (!principal.roles.every(isStaffRole)) {
        throw new Error('Staff tokens carry staff roles only: service identities sign their own tokens.');
      }
      return sign(key, ACCESS_TOKEN_ISSUER, principal, Math.floor(now().getTime() / 1000), options.ttlSeconds);
    },
  };
}

/** Which roles each issuer may grant: staff roles from agency-service, the service role from the dispute worker. */
const ROLE_CHECK_BY_ISSUER: Record<string, (role: unknown) => role is PrincipalRole> = {
  [ACCESS_TOKEN_ISSUER]: isStaffRole,
  [WORKFLOW_ENGINE_TOKEN_ISSUER]: isServiceRole,
};

/**
 * The time claims every token must carry and respect: `iat` and `exp` present and numeric, `iat` at most
 * {@link MAX_CLOCK_SKEW_SECONDS} ahead of this clock, and `exp - iat` within the issuer's maximum lifetime. Without
 * them a leaked token (or one minted by a compromised signer) would never run out.
 */
/** Verified tokens a service remembers: a few thousand people and workers, each a few hundred bytes. */
const VERIFIED_TOKENS_KEPT = 5_000;

function checkTimeClaims(payload: JWTPayload, nowSeconds: number, maxLifetimeSeconds: number): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) {
    throw new UnauthenticatedError('The token does not say when it was issued and when it expires: log in again.');
  }
  if (iat > nowSeconds + MAX_CLOCK_SKEW_SECONDS) {
    throw new UnauthenticatedError('The token claims to be issued in the future: log in again.');
  }
  if (exp <= iat || exp - iat > maxLifetimeSeconds) {
    throw new UnauthenticatedError('The token claims a lifetime its issuer may not grant: log in again.');
  }
}

/**
 * Verifies staff tokens with agency-service's public key and, when `workflowEnginePublicKeyPem` is given, the dispute
 * worker's tokens with the worker's own key. Each issuer is bound to its key and its roles: a staff-signed token
 * claiming `workflow-engine`, or a worker-signed token claiming a staff role, is refused. A service configured
 * without the worker's key refuses every worker token. Every token must carry `iat` and `exp` within bounds (see
 * checkTimeClaims).
 */
export async function createTokenVerifier(options: {
  publicKeyPem: string;
  workflowEnginePublicKeyPem?: string | undefined;
  now?: () => Date;
}): Promise<TokenVerifier> {
  const keys = new Map<string, KeyLike>([[ACCESS_TOKEN_ISSUER, await importSPKI(options.publicKeyPem, ALGORITHM)]]);
  if (options.workflowEnginePublicKeyPem !== undefined) {
    keys.set(WORKFLOW_ENGINE_TOKEN_ISSUER, await importSPKI(options.workflowEnginePublicKeyPem, ALGORITHM));
  }
  const maxLifetimeByIssuer: Record<string, number> = {
    [ACCESS_TOKEN_ISSUER]: MAX_ACCESS_TOKEN_TTL_SECONDS,
    [WORKFLOW_ENGINE_TOKEN_ISSUER]: MAX_SERVICE_TOKEN_TTL_SECONDS,
  };
  /**
   * Tokens whose signature and claims were checked, with their expiry: a person's next requests carry the same token,
   * and its signature cannot have changed (the key is the whole token), so only the clock is checked again. Oldest
   * first out when full.
   */
  const verified = new Map<string, { principal: Principal; exp: number }>();
  const remember = (token: string, principal: Principal, exp: number) => {
    if (verified.size >= VERIFIED_TOKENS_KEPT) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, { principal, exp });
  };
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
        if (nowSeconds < known.exp) return { ...known.principal, roles: [...known.principal.roles] };
        // Expired since: verified again below, which refuses it with the expiry's own message.
        verified.delete(token);
      }
      try {
        // The unverified `iss` only chooses the key; jwtVerify then demands that same issuer under that key, so a
        // token cannot borrow one issuer's key to claim the other's roles.
        const claimedIssuer = decodeJwt(token).iss;
        const key = claimedIssuer === undefined ? undefined : keys.get(claimedIssuer);
        const isAllowedRole = claimedIssuer === undefined ? undefined : ROLE_CHECK_BY_ISSUER[claimedIssuer];
        if (claimedIssuer === undefined || !key || !isAllowedRole) {
          throw new UnauthenticatedError('The token is not valid: log in again.');
        }
        const currentDate = options.now?.() ?? new Date();
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: claimedIssuer,
          audience: ACCESS_TOKEN_AUDIENCE,
          requiredClaims: ['iat', 'exp', 'sub'],
          currentDate,
        });
        checkTimeClaims(
          payload,
          Math.floor(currentDate.getTime() / 1000),
          maxLifetimeByIssuer[claimedIssuer] ?? MAX_SERVICE_TOKEN_TTL_SECONDS,
        );
        const roles: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
        if (
          typeof payload.sub !== 'string' ||
          typeof payload.agency !== 'string' ||
          typeof payload.town !== 'string' ||
          roles.length === 0 ||
          !roles.every(isAllowedRole)
        ) {
          throw new UnauthenticatedError('The token does not carry a valid identity: log in again.');
        }
        const principal: Principal = { staffId: payload.sub, agencyId: payload.agency, townCode: payload.town, roles };
        remember(token, { ...principal, roles: [...roles] }, payload.exp as number);
        return principal;
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (error instanceof joseErrors.JWTExpired) {
          throw new UnauthenticatedError('Your session has expired: log in again or refresh the token.');
        }
        throw new UnauthenticatedError('The token is not valid: log in again.');
      }
    },
  };
}

/** The dispute worker's identity: it acts for the workflows, in every town, as no staff member. */
export const WORKFLOW_ENGINE_PRINCIPAL: Readonly<Principal> = Object.freeze<Principal>({
  staffId: 'service:dispute-worker',
  agencyId: 'service',
  townCode: '*',
  roles: ['workflow-engine'],
});

export interface ServiceTokenSource {
  /** A valid token for {@link WORKFLOW_ENGINE_PRINCIPAL}: the cached one, or a fresh one when it nears expiry. */
  token(): Promise<string>;
  /** Forgets the cached token (e.g. after a 401), so the next call mints a new one. */
  invalidate(): void;
}

/**
 * Mints the dispute worker's short-lived tokens with its own private key and caches them. A token is replaced once
 * less than a fifth of its lifetime (at most a minute) is left, so a request never leaves with a token that expires
 * in flight; concurrent callers share one signing.
 */
export async function createServiceTokenSource(options: {
  privateKeyPem: string;
  ttlSeconds: number;
  now?: () => Date;
}): Promise<ServiceTokenSource> {
  checkTtl(options.ttlSeconds, MAX_SERVICE_TOKEN_TTL_SECONDS, 'A service');
  const key: KeyLike = await importPKCS8(options.privateKeyPem, ALGORITHM);
  const now = options.now ?? (() => new Date());
  const refreshMarginMs = Math.min(60_000, (options.ttlSeconds * 1000) / 5);
  let current: Promise<IssuedToken> | undefined;

  const mint = (): Promise<IssuedToken> => {
    const minting = sign(
      key,
      WORKFLOW_ENGINE_TOKEN_ISSUER,
      { ...WORKFLOW_ENGINE_PRINCIPAL, roles: [...WORKFLOW_ENGINE_PRINCIPAL.roles] },
      Math.floor(now().getTime() / 1000),
      options.ttlSeconds,
    );
    // A failed signing must not be cached: the next call tries again.
    minting.catch(() => {
      if (current === minting) current = undefined;
    });
    return minting;
  };

  const fresh = (issued: IssuedToken) => issued.expiresAt.getTime() - now().getTime() > refreshMarginMs;
  /** Replaces the cached token unless another caller already did while this one waited: then theirs is shared. */
  const replace = (stale: Promise<IssuedToken> | undefined): Promise<IssuedToken> => {
    if (current !== undefined && current !== stale) return current;
    const minted = mint();
    current = minted;
    return minted;
  };

  return {
    async token() {
      const cached = current;
      if (cached) {
        const issued = await cached.catch(() => undefined);
        if (issued && fresh(issued)) return issued.token;
      }
      return (await replace(cached)).token;
    },
    invalidate() {
      current = undefined;
    },
  };
}
