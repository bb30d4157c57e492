import { SignJWT, errors as joseErrors, importPKCS8, importSPKI, jwtVerify, type KeyLike } from 'jose';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type Principal,
  STAFF_ROLES,
  type StaffRole,
} from '@gongzhi/contracts';
import { UnauthenticatedError } from '@gongzhi/errors';

/**
 * Access tokens are EdDSA (Ed25519) JWTs: agency-service signs with the private key; every other service verifies
 * with the public key alone, so no shared secret exists anywhere.
 */
const ALGORITHM = 'EdDSA';

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

export async function createTokenIssuer(options: {
  privateKeyPem: string;
  ttlSeconds: number;
  now?: () => Date;
}): Promise<TokenIssuer> {
  const key: KeyLike = await importPKCS8(options.privateKeyPem, ALGORITHM);
  const now = options.now ?? (() => new Date());
  return {
    async issue(principal) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const expiresAt = new Date((issuedAt + options.ttlSeconds) * 1000);
      const token = await new SignJWT({ agency: principal.agencyId, town: principal.townCode, roles: principal.roles })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(principal.staffId)
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
  };
}

function isRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export async function createTokenVerifier(options: { publicKeyPem: string; now?: () => Date }): Promise<TokenVerifier> {
  const key: KeyLike = await importSPKI(options.publicKeyPem, ALGORITHM);
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: ACCESS_TOKEN_ISSUER,
          audience: ACCESS_TOKEN_AUDIENCE,
          ...(options.now ? { currentDate: options.now() } : {}),
        });
        const roles = Array.isArray(payload.roles) ? payload.roles : [];
        if (
          typeof payload.sub !== 'string' ||
          typeof payload.agency !== 'string' ||
          typeof payload.town !== 'string' ||
          roles.length === 0 ||
          !roles.every(isRole)
        ) {
          throw new UnauthenticatedError('The token does not carry a valid staff identity: log in again.');
        }
        return { staffId: payload.sub, agencyId: payload.agency, townCode: payload.town, roles };
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
