/**
 * agency-service owns the agencies; party-service asks it, over HTTP and never through its database, whether an agency
 * may be involved with a party (it exists, is active, and belongs to the party's town). The caller's own bearer token
 * is forwarded, so agency-service applies its visibility rule to the caller: a coordinator reads every agency of the
 * town, other staff their own agency only.
 */
import type { Principal } from '@gongzhi/contracts';
import { createCallerReader, findByIdAsCaller } from '@gongzhi/http';
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
  // 404 (no such agency, or one the caller may not see) and 400 (not an id agency-service gives out): not an agency
  // this caller can involve. Anything else from agency-service is a 503.
  const read = createCallerReader({ ...options, what: WHAT });
  return {
    async find(agencyId, lookup) {
      // Only the exact id agency-service gives out; an answer about another agency is not to be trusted (503).
      const found = await findByIdAsCaller(read, WHAT, '/api/v1/agencies', agencyId, AgencyAnswer, lookup);
      return found && { id: found.id, townCode: found.townCode, active: found.active ?? true };
    },
  };
}
