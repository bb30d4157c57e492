/**
 * party-service owns the people and organisations in disputes; case-service stores only their ids. Before an id
 * becomes a party of a case (opening it, correcting its parties, filing a report with a reporter), case-service asks
 * party-service over HTTP, never through its database, whether that party exists and the caller may see it. The
 * caller's own bearer token is forwarded, so party-service applies its visibility rule to the caller (administrators
 * all, coordinators their town, everyone else the parties their agency is involved with) and answers 404 alike for a
 * party that does not exist and one the caller may not see.
 */
import { GENDERS, PARTY_KINDS, type Principal, REVEALABLE_FIELDS, type RevealableField } from '@gongzhi/contracts';
import { AppError, DependencyUnavailableError, type FieldIssue } from '@gongzhi/errors';
import { createCallerReader, findByIdAsCaller } from '@gongzhi/http';
import { z } from 'zod';

/** The lookup a request makes on behalf of its caller (the same shape as the staff directory's). */
export interface PartyLookup {
  /** Who asks (party-service learns it from the forwarded token; fakes read it here). */
  principal: Principal;
  /** The caller's `Authorization` header, forwarded as it came. */
  authorization: string | undefined;
  requestId: string;
}

/** What case-service keeps of a party: its id. Names and numbers stay in party-service. */
export interface PartyRef {
  id: string;
}

export interface PartyDirectory {
  /**
   * The party, or undefined when party-service knows no such party visible to the caller. Throws a 503 problem
   * (DependencyUnavailableError) when party-service cannot answer: down, slow, or answering out of contract.
   */
  find(partyId: string, lookup: PartyLookup): Promise<PartyRef | undefined>;
  /**
   * The party as party-service shows it to the caller, for a document the parties sign: ID number and phone masked
   * unless `reveal` names them and party-service allows the caller that reveal (it audits each one); undefined when
   * party-service shows the caller no such party. Ask only for reveals the caller's roles allow: party-service refuses
   * the whole read otherwise, which arrives here as a 503 like any answer out of contract.
   */
  read(partyId: string, reveal: readonly RevealableField[], lookup: PartyLookup): Promise<PartyDetails | undefined>;
}

/**
 * What a document prints of a party, exactly as party-service answered the caller: `idNumber` and `phone` are masked
 * (`110105********002X`, `138****8000`) unless named in `revealed`. Never stored or logged by case-service.
 */
export interface PartyDetails {
  id: string;
  kind: (typeof PARTY_KINDS)[number];
  name: string;
  gender: (typeof GENDERS)[number] | null;
  idNumber: string | null;
  creditCode: string | null;
  phone: string | null;
  contactName: string | null;
  /** The free-text part of the address (3组12号); the area codes are not words a document can print. */
  addressDetail: string | null;
  revealed: RevealableField[];
}

/** The one field of party-service's PartyView case-service reads; the rest (masked personal data) is dropped unread. */
const PartyAnswer = z.object({ id: z.string().uuid() });

/** The fields of party-service's PartyView a document prints; involved agencies, risk flags and the rest are dropped. */
const PartyDetailsAnswer = z.object({
  id: z.string().uuid(),
  kind: z.enum(PARTY_KINDS),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  idNumber: z.string().nullable(),
  creditCode: z.string().nullable(),
  phone: z.string().nullable(),
  contactName: z.string().nullable(),
  address: z.object({ detail: z.string().nullable() }),
  revealed: z.array(z.enum(REVEALABLE_FIELDS)),
});

const WHAT = 'party-service (the party directory)';

export interface HttpPartyDirectoryOptions {
  /** party-service's base URL, e.g. http://127.0.0.1:3001. */
  baseUrl: string;
  /** Per request: a staff request must not hang on a slow party-service. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function createHttpPartyDirectory(options: HttpPartyDirectoryOptions): PartyDirectory {
  // 404 (no such party, or one the caller may not see) and 400 (not an id party-service gives out): not a party this
  // caller can name in a case. Anything else from party-service is a 503. The id is a UUID, never personal data, so
  // it may sit in the URL.
  const read = createCallerReader({ ...options, what: WHAT });
  return {
    async find(partyId, lookup) {
      // Only the exact id party-service gives out: a party stored in another spelling would match no party later.
      const found = await findByIdAsCaller(read, WHAT, '/api/v1/parties', partyId, PartyAnswer, lookup);
      return found && { id: found.id };
    },
    async read(partyId, reveal, lookup) {
      // Field names only in the query string: the values come back in the body, which is never logged.
      const query = reveal.length > 0 ? `?reveal=${reveal.join(',')}` : '';
      const found = await read(`/api/v1/parties/${encodeURIComponent(partyId)}${query}`, PartyDetailsAnswer, lookup);
      if (found === undefined) return undefined;
      // As `find`: only the exact id asked for; another spelling of it is no party, another id is party-service's fault.
      if (found.id !== partyId) {
        if (found.id.toLowerCase() === partyId.toLowerCase()) return undefined;
        throw new DependencyUnavailableError(WHAT, new Error('answer about another object'));
      }
      const { address, ...rest } = found;
      return { ...rest, addressDetail: address.detail };
    },
  };
}

/** Party ids named in a request, each with the field that named it (e.g. `parties.1.partyId`, `reporterPartyId`). */
export interface NamedParty {
  path: string;
  partyId: string;
}

/** One or more party ids that party-service does not know, or will not show the caller. */
export class UnknownPartyError extends AppError {
  constructor(errors: FieldIssue[]) {
    super(422, 'unknown-party', 'Unknown party', {
      detail:
        'No party with that id is visible to you in party-service: find or register the person there (POST /api/v1/parties/lookup-or-create) and use the id it returns.',
      errors,
    });
  }
}

/** At most this many lookups at once: a 50-party case must not open 50 connections to party-service. */
const CONCURRENT_LOOKUPS = 8;

/**
 * Checks every named party with party-service, as the caller; a 422 names each field whose party is unknown or
 * invisible to them. A party-service that does not answer is a 503, and nothing is stored.
 */
export async function requireVisibleParties(
  directory: PartyDirectory,
  lookup: PartyLookup,
  named: readonly NamedParty[],
): Promise<void> {
  const unknown: FieldIssue[] = [];
  for (let start = 0; start < named.length; start += CONCURRENT_LOOKUPS) {
    const batch = named.slice(start, start + CONCURRENT_LOOKUPS);
    const found = await Promise.all(batch.map((party) => directory.find(party.partyId, lookup)));
    batch.forEach((party, index) => {
      if (!found[index]) {
        unknown.push({ path: party.path, message: 'no party with this id is visible to you in party-service' });
      }
    });
  }
  if (unknown.length > 0) throw new UnknownPartyError(unknown);
}
