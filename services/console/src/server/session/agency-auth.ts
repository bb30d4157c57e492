import type { Request } from 'express';
import { TokenResponse } from '@gongzhi/contracts';
import { type ProblemDetails, problemTypeUri, PROBLEM_TYPES } from '@gongzhi/errors';
import type { SessionStaff, SessionTokens } from './session-store';

/** What agency-service answers to a login or refresh: tokens and who they belong to, or its problem. */
export type AuthAnswer =
  | { ok: true; tokens: SessionTokens; staff: SessionStaff }
  | { ok: false; status: number; problem: ProblemDetails; retryAfter?: string };

/**
 * Who a call to agency-service is made for: the console's request id, and the address of the person's browser as
 * the console determined it (the socket's peer, or what a trusted proxy in front of the console forwarded).
 */
export interface AuthCaller {
  requestId: string;
  clientAddress: string | undefined;
}

/** agency-service's auth routes, as the console uses them. A fake implements this in unit tests. */
export interface AgencyAuth {
  login(username: string, password: string, caller: AuthCaller): Promise<AuthAnswer>;
  refresh(refreshToken: string, caller: AuthCaller): Promise<AuthAnswer>;
  logout(refreshToken: string, caller: AuthCaller): Promise<void>;
}

/** Thrown when agency-service cannot be reached or answers with a server error: the session stays as it was. */
export class AgencyUnavailable extends Error {}

/**
 * The caller of a request to the console. `req.ip` is the socket's peer unless that peer is one of the console's
 * TRUSTED_PROXIES (Express's `trust proxy`, the rule agency-service applies too): then the nearest address in
 * `X-Forwarded-For` that is not a trusted proxy. A browser's own `X-Forwarded-For` therefore names nobody.
 */
export function callerOf(req: Request): AuthCaller {
  return { requestId: req.requestId, clientAddress: req.ip };
}

/**
 * The headers that tell agency-service whom a call is for. `X-Forwarded-For` carries the one client address the
 * console found (never a header the browser sent): agency-service, with the console among its TRUSTED_PROXIES, counts
 * login failures per person's address instead of everyone's failures against the console's own.
 */
export function callerHeaders(caller: AuthCaller): Record<string, string> {
  return {
    'x-request-id': caller.requestId,
    ...(caller.clientAddress ? { 'x-forwarded-for': caller.clientAddress } : {}),
  };
}

export function createAgencyAuth(baseUrl: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): AgencyAuth {
  const post = async (path: string, body: unknown, caller: AuthCaller): Promise<Response> => {
    try {
      const res = await fetchImpl(new URL(path, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...callerHeaders(caller) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status >= 500) throw new AgencyUnavailable(`agency-service answered ${res.status}`);
      return res;
    } catch (error) {
      if (error instanceof AgencyUnavailable) throw error;
      throw new AgencyUnavailable('agency-service is not reachable', { cause: error });
    }
  };
  const answer = async (res: Response): Promise<AuthAnswer> => {
    const body: unknown = await res.json().catch(() => undefined);
    const tokens = res.ok ? TokenResponse.safeParse(body) : undefined;
    if (tokens?.success) {
      const { staff, ...issued } = tokens.data;
      return {
        ok: true,
        tokens: {
          accessToken: issued.accessToken,
          accessExpiresAt: new Date(issued.expiresAt),
          refreshToken: issued.refreshToken,
          refreshExpiresAt: new Date(issued.refreshExpiresAt),
        },
        staff: {
          id: staff.id,
          username: staff.username,
          displayName: staff.displayName,
          agencyId: staff.agencyId,
          townCode: staff.townCode,
          roles: [...staff.roles],
        },
      };
    }
    const problem =
      !res.ok && typeof body === 'object' && body !== null && 'type' in body
        ? (body as ProblemDetails)
        : { type: problemTypeUri(PROBLEM_TYPES.internal), title: 'Unexpected answer', status: res.status };
    // A refused login (429 login-throttled) says when to come back; the page shows the time, a client may use this.
    const retryAfter = res.headers.get('retry-after');
    return { ok: false, status: res.status, problem, ...(retryAfter ? { retryAfter } : {}) };
  };
  return {
    login: async (username, password, caller) =>
      answer(await post('/api/v1/auth/login', { username, password }, caller)),
    refresh: async (refreshToken, caller) => answer(await post('/api/v1/auth/refresh', { refreshToken }, caller)),
    async logout(refreshToken, caller) {
      await post('/api/v1/auth/logout', { refreshToken }, caller);
    },
  };
}
