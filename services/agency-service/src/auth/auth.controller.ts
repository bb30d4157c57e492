import { LoginRequest, PublicKeyResponse, RefreshRequest, TokenResponse, z } from '@gongzhi/contracts';
import { ApiRoutes } from '@gongzhi/http';
import { type AuthService, LoginThrottledError } from './auth.service';

/** Reachable without a token: how a token is obtained in the first place, and how others verify one. */
export function authRoutes(auth: AuthService, publicKeyPem: string): ApiRoutes {
  return new ApiRoutes({ callers: ['public'] })
    .add({
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'login',
      summary:
        'Log in with username and password. Repeated failures for a username, or from an address, make the next ' +
        'attempt wait (429 `login-throttled` with Retry-After): 1 s, doubling, at most 5 min per username',
      tags: ['auth'],
      body: LoginRequest,
      response: { status: 200, description: 'A new session', schema: TokenResponse },
      problems: [401, 429],
      handler: async ({ body, req, res }) => {
        try {
          return {
            body: await auth.login(body, { requestId: req.requestId, clientAddress: req.ip }),
            headers: { 'Cache-Control': 'no-store' },
          };
        } catch (error) {
          // Problems carry no headers of their own; this one must say when to come back in the standard header too.
          if (error instanceof LoginThrottledError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
          throw error;
        }
      },
    })
    .add({
      method: 'post',
      path: '/api/v1/auth/refresh',
      operationId: 'refreshToken',
      summary: 'Trade a refresh token (single use) for a new access token and a new refresh token',
      tags: ['auth'],
      body: RefreshRequest,
      response: { status: 200, description: 'The renewed session', schema: TokenResponse },
      problems: [401, 429],
      handler: async ({ body, req }) => ({
        body: await auth.refresh(body.refreshToken, req.requestId),
        headers: { 'Cache-Control': 'no-store' },
      }),
    })
    .add({
      method: 'post',
      path: '/api/v1/auth/logout',
      operationId: 'logout',
      summary: 'Revoke the session a refresh token belongs to',
      tags: ['auth'],
      body: RefreshRequest,
      response: {
        status: 200,
        description: 'Revoked (also for unknown tokens)',
        schema: z.object({ revoked: z.literal(true) }),
      },
      problems: [429],
      handler: async ({ body, req }) => {
        await auth.logout(body.refreshToken, req.requestId);
        return { body: { revoked: true as const } };
      },
    })
    .add({
      method: 'get',
      path: '/api/v1/auth/public-key',
      operationId: 'getPublicKey',
      summary: 'The Ed25519 public key (SPKI PEM) that verifies access tokens',
      tags: ['auth'],
      response: { status: 200, description: 'The public key', schema: PublicKeyResponse },
      problems: [429],
      handler: async () => ({ body: { algorithm: 'EdDSA' as const, publicKeyPem } }),
    });
}
