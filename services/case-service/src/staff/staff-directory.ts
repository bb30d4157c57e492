/**
 * agency-service owns staff accounts and agencies; case-service asks it, over HTTP and never through its database,
 * whether a person may hold a task ("someone with the role in that agency") and whether an agency a case is sent to
 * is one of the case's town, and (at intake) whether a report's village is in its town's registry. The caller's own
 * bearer token is forwarded, so agency-service applies its visibility rule to the caller: a liaison reads the staff of
 * their agency, a coordinator those (and the agencies) of the town, everyone their own town's villages.
 */
import { AGENCY_KINDS, type AgencyKind, type Principal, STAFF_ROLES, type StaffRole } from '@gongzhi/contracts';
import { DependencyUnavailableError } from '@gongzhi/errors';
import { createCallerReader, findByIdAsCaller } from '@gongzhi/http';
import { z } from 'zod';

/** What case-service needs of a staff account: never the name, which it has no use for. */
export interface StaffMember {
  id: string;
  agencyId: string;
  townCode: string;
  roles: StaffRole[];
  active: boolean;
}

/** What case-service needs of an agency: which kind, and which town. */
export interface AgencyEntry {
  id: string;
  kind: AgencyKind;
  townCode: string;
}

/** What case-service needs of a village: that the town has it, and its grids. */
export interface VillageEntry {
  townCode: string;
  code: string;
  gridCodes: string[];
}

/** The lookup a request makes on behalf of its caller. */
export interface StaffLookup {
  /** Who asks (agency-service learns it from the forwarded token; fakes read it here). */
  principal: Principal;
  /** The caller's `Authorization` header, forwarded as it came. */
  authorization: string | undefined;
  requestId: string;
}

export interface StaffDirectory {
  /**
   * The staff member, or undefined when agency-service knows no such account visible to the caller. Throws a 503
   * problem (DependencyUnavailableError) when agency-service cannot answer: down, slow, or answering out of contract.
   */
  find(staffId: string, lookup: StaffLookup): Promise<StaffMember | undefined>;
  /** The agency, or undefined when agency-service knows none visible to the caller; 503 like `find`. */
  findAgency(agencyId: string, lookup: StaffLookup): Promise<AgencyEntry | undefined>;
  /** The town's village with this code, or undefined when agency-service shows the caller none; 503 like `find`. */
  findVillage(townCode: string, code: string, lookup: StaffLookup): Promise<VillageEntry | undefined>;
}

/** The fields of agency-service's StaffView case-service reads (the rest is stripped, and never logged). */
const StaffAnswer = z.object({
  id: z.string(),
  agencyId: z.string(),
  townCode: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  active: z.boolean(),
});

const AgencyAnswer = z.object({ id: z.string(), kind: z.enum(AGENCY_KINDS), townCode: z.string() });

/** The fields of agency-service's Village case-service reads. */
const VillageAnswer = z.object({ townCode: z.string(), code: z.string(), gridCodes: z.array(z.string()) });

const WHAT = 'agency-service (the staff directory)';

export interface HttpStaffDirectoryOptions {
  /** agency-service's base URL, e.g. http://127.0.0.1:3003. */
  baseUrl: string;
  /** Per request: a staff request must not hang on a slow agency-service. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function createHttpStaffDirectory(options: HttpStaffDirectoryOptions): StaffDirectory {
  // 404 (no such object, or one the caller may not see) and 400 (not an id agency-service gives out) are both
  // "nobody this caller can hand a task or send a case to"; anything else from agency-service is a 503.
  const read = createCallerReader({ ...options, what: WHAT });
  return {
    // An id in another spelling (a UUID in capitals) is nobody: stored as sent, it would match no one's token.
    find: (staffId, lookup) => findByIdAsCaller(read, WHAT, '/api/v1/staff', staffId, StaffAnswer, lookup),
    findAgency: (agencyId, lookup) => findByIdAsCaller(read, WHAT, '/api/v1/agencies', agencyId, AgencyAnswer, lookup),
    async findVillage(townCode, code, lookup) {
      const path = `/api/v1/towns/${encodeURIComponent(townCode)}/villages/${encodeURIComponent(code)}`;
      const found = await read(path, VillageAnswer, lookup);
      if (found === undefined || (found.townCode === townCode && found.code === code)) return found;
      // An answer about another village is agency-service's failure, as for an answer about another id.
      throw new DependencyUnavailableError(WHAT, new Error('answer about another village'));
    },
  };
}

/**
 * Villages known to exist, remembered for a while: intake asks about the same few dozen villages all day, and a round
 * trip to agency-service per report would slow every report down for an answer that changes a few times a year. Only
 * "it exists" is remembered (a village added to the registry is usable at once) and only for callers of that town,
 * who see its villages anyway; an administrator's lookup is not served from another caller's answer.
 */
export function withKnownVillages(
  directory: StaffDirectory,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): StaffDirectory {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 2_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { at: number; village: VillageEntry }>();
  return {
    ...directory,
    async findVillage(townCode, code, lookup) {
      const key = `${townCode}|${code}`;
      const ownTown = lookup.principal.townCode === townCode;
      const remembered = ownTown ? known.get(key) : undefined;
      if (remembered && now() - remembered.at <= ttlMs) return structuredClone(remembered.village);
      const village = await directory.findVillage(townCode, code, lookup);
      if (village && ownTown) {
        if (known.size >= maxEntries) known.clear();
        known.set(key, { at: now(), village: structuredClone(village) });
      } else {
        known.delete(key);
      }
      return village;
    },
  };
}
