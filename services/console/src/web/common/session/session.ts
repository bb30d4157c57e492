import { useQuery } from '@tanstack/react-query';
import { CSRF_HEADER } from '../api/client';
import { ProblemError, type Problem } from '../api/problem';

export type Language = 'zh-CN' | 'en';

/** Who is signed in, as the console's session route says (never a token). */
export interface SessionInfo {
  staff: {
    id: string;
    username: string;
    displayName: string;
    agencyId: string;
    townCode: string;
    roles: string[];
  };
  language: Language;
}

export const SESSION_KEY = ['session'] as const;

async function bff<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(method === 'GET' ? {} : { [CSRF_HEADER]: '1' }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw new ProblemError(res.status, json as Problem);
  return json as T;
}

export const sessionApi = {
  current: () => bff<SessionInfo>('GET', '/bff/session'),
  signIn: (username: string, password: string) => bff<SessionInfo>('POST', '/bff/session', { username, password }),
  signOut: () => bff<void>('DELETE', '/bff/session'),
  setLanguage: (language: Language) => bff<{ language: Language }>('PUT', '/bff/preferences', { language }),
};

/** The session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return await sessionApi.current();
      } catch (error) {
        if (error instanceof ProblemError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function hasRole(session: SessionInfo | null | undefined, role: string): boolean {
  return session?.staff.roles.includes(role) ?? false;
}
