/**
 * agency-service owns the agencies; party-service asks it, over HTTP and never through its database, whether an agency
 * may be involved with a party (it exists, is active, and belongs to the party's town). The caller's own bearer token
 * is forwarded, so agency-service applies its visibility rule to the caller: a coordinator reads every agency of the
 * town, other staff their own agency only.
 */
import type { Principal } from '@gongzhi/contracts';
import { DependencyUnavailableError } from '@gongzhi/errors';
import { z } from 'zod';

/** What party-service needs of an agency: where it is and whether it still works. Never its name or phone. */
export interface AgencyFacts {
  id: string;
  townCode: string;
  active: boolean;
}

/** The lookup a request makes on behalf of its caller. */
export interface AgencyLookup {
  /** Who asks (agency-service learns it from the forwarded token; the in-memory directory reads it here). */
  principal: Principal;
  /** The caller's `Authorization` header, forwarded as it came. */
  authorization: string | undefined;
  requestId: string;
}

export interface AgencyDirectory {
  /**
   * The agency, or undefined when agency-service knows no such agency visible to the caller. Throws a 503 problem
   * (DependencyUnavailableError) when agency-service cannot answer: down, slow, or answering out of contract.
   */
  find(agencyId: string, lookup: AgencyLookup): Promise<AgencyFacts | undefined>;
}

/**
 * The fields of agency-service's Agency view party-service reads (the rest is stripped, and never logged). Agencies
 * have no `active` flag yet: one that says `active: false` is refused, one that says nothing counts as working.
 */
const AgencyAnswer = z.object({
  id: z.string(),
  townCode: z.string(),
  active: z.boolean().optional(),
});

const WHAT = 'agency-service (the agency directory)';

export interface HttpAgencyDirectoryOptions {
  /** agency-service's base URL, e.g. http://127.0.0.1:3003. */
  baseUrl: string;
  /** Per request: a staff request must not hang on a slow agency-service. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function createHttpAgencyDirectory(options: HttpAgencyDirectoryOptions): AgencyDirectory {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  return {
    async find(agencyId, lookup) {
      let res: Response;
      try {
        res = await send(`${baseUrl}/api/v1/agencies/${encodeURIComponent(agencyId)}`, {
          headers: {
            accept: 'application/json',
            ...(lookup.authorization ? { authorization: lookup.authorization } : {}),
            // One request id across both services, so their logs join up.
            'x-request-id': lookup.requestId,
          },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        // Refused, reset or timed out: nothing was decided, and the caller may retry.
        throw new DependencyUnavailableError(WHAT, error);
      }
      // 404: no such agency, or one the caller may not see; 400: not an id agency-service gives out. Either way, not
      // an agency this caller can involve.
      if (res.status === 404 || res.status === 400) {
        await res.body?.cancel();
        return undefined;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new DependencyUnavailableError(WHAT, new Error(`agency-service answered ${res.status}`));
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch (error) {
        throw new DependencyUnavailableError(WHAT, error);
      }
      const parsed = AgencyAnswer.safeParse(body);
      // An answer out of contract is agency-service's fault, not the caller's: 503, never 500 (and no body logged).
      if (!parsed.success) throw new DependencyUnavailableError(WHAT, new Error('agency answer out of contract'));
      // Asked for one agency, answered about another: not to be trusted either.
      if (parsed.data.id !== agencyId)
        throw new DependencyUnavailableError(WHAT, new Error('answer for another agency'));
      return { id: parsed.data.id, townCode: parsed.data.townCode, active: parsed.data.active ?? true };
    },
  };
}
