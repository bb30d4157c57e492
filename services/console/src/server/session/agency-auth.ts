import { TokenResponse } from '@gongzhi/contracts';
import { type ProblemDetails, problemTypeUri, PROBLEM_TYPES } from '@gongzhi/errors';
import type { SessionStaff, SessionTokens } from './session-store';

/** What agency-service answers to a login or refresh: tokens and who they belong to, or its problem. */
export type AuthAnswer =
  { ok: true; tokens: SessionTokens; staff: SessionStaff } | { ok: false; status: number; problem: ProblemDetails };

/** agency-service's auth routes, as the console uses them. A fake implements this in unit tests. */
export interface AgencyAuth {
  login(username: string, password: string, requestId: string): Promise<AuthAnswer>;
  refresh(refreshToken: string, requestId: string): Promise<AuthAnswer>;
  logout(refreshToken: string, requestId: string): Promise<void>;
}

/** Thrown when agency-service cannot be reached or answers with a server error: the session stays as it was. */
export class AgencyUnavailable extends Error {}

export function createAgencyAuth(baseUrl: string, timeoutMs: number): AgencyAuth {
  const post = async (path: string, body: unknown, requestId: string): Promise<Response> => {
    try {
      const res = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
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
    return { ok: false, status: res.status, problem };
  };
  return {
    login: async (username, password, requestId) =>
      answer(await post('/api/v1/auth/login', { username, password }, requestId)),
    refresh: async (refreshToken, requestId) => answer(await post('/api/v1/auth/refresh', { refreshToken }, requestId)),
    async logout(refreshToken, requestId) {
      await post('/api/v1/auth/logout', { refreshToken }, requestId);
    },
  };
}
