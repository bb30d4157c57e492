import { canSee, hasAnyRole } from '@gongzhi/auth';
import type { RevealableField, StaffRole } from '@gongzhi/contracts';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { PartyDetails, PartyDirectory, PartyLookup, PartyRef } from './party-directory';

/**
 * A party as party-service's visibility rule sees it: its town and the agencies involved with it; and, for documents,
 * what party-service would show of it (a person named 当事人 with no numbers unless a test gives them).
 */
export interface InMemoryParty {
  id: string;
  townCode: string;
  involvedAgencyIds: string[];
  details?: Partial<Omit<PartyDetails, 'id' | 'revealed'>>;
}

/** party-service's reveal rule (party-policy.ts REVEAL_ROLES): whom it shows each field in full. */
const FAKE_REVEAL_ROLES: Readonly<Record<RevealableField, readonly StaffRole[]>> = {
  idNumber: ['mediator', 'liaison', 'coordinator'],
  phone: ['grid-worker', 'mediator', 'liaison', 'coordinator'],
};

/** party-service's masks (masking.ts): region and last four of an ID number; first three and last four of a mobile. */
function maskIdNumber(value: string): string {
  return value.length <= 10
    ? '*'.repeat(value.length)
    : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
function maskPhone(value: string): string {
  return value.length <= 7
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/**
 * party-service's parties in memory, answering with its visibility rule (`canSee`: administrators all, coordinators
 * their town, everyone else the parties their agency is involved with). `down` makes every lookup fail as an
 * unreachable party-service does.
 */
export function createInMemoryPartyDirectory() {
  const parties = new Map<string, InMemoryParty>();
  const directory = {
    parties,
    down: false,
    /** Every party id looked up, in order. */
    lookups: [] as string[],
    /** Adds (or replaces) a party: of the demo town unless told otherwise. */
    add(party: Partial<InMemoryParty> & Pick<InMemoryParty, 'id' | 'involvedAgencyIds'>): InMemoryParty {
      const full: InMemoryParty = { townCode: 'qingshui', ...party };
      parties.set(full.id, full);
      return full;
    },
    async find(partyId: string, lookup: PartyLookup): Promise<PartyRef | undefined> {
      directory.lookups.push(partyId);
      if (directory.down) throw new DependencyUnavailableError('party-service (the party directory)');
      const party = parties.get(partyId);
      if (!party || !canSee(lookup.principal, { townCode: party.townCode, agencyIds: party.involvedAgencyIds })) {
        return undefined;
      }
      return { id: party.id };
    },
    /** Every read, with the reveals asked for: tests check nobody asks for more than the caller may see. */
    reads: [] as { partyId: string; reveal: RevealableField[] }[],
    async read(partyId: string, reveal: readonly RevealableField[], lookup: PartyLookup) {
      directory.reads.push({ partyId, reveal: [...reveal] });
      if (directory.down) throw new DependencyUnavailableError('party-service (the party directory)');
      const party = parties.get(partyId);
      if (!party || !canSee(lookup.principal, { townCode: party.townCode, agencyIds: party.involvedAgencyIds })) {
        return undefined;
      }
      // party-service answers a reveal the caller may not have with 403, which the HTTP client reports as a 503.
      if (reveal.some((field) => !hasAnyRole(lookup.principal, FAKE_REVEAL_ROLES[field]))) {
        throw new DependencyUnavailableError('party-service (the party directory)');
      }
      const d = party.details ?? {};
      const idNumber = d.idNumber ?? null;
      const phone = d.phone ?? null;
      const revealed = reveal.filter((field) => (field === 'idNumber' ? idNumber !== null : phone !== null));
      const details: PartyDetails = {
        id: party.id,
        kind: d.kind ?? 'person',
        name: d.name ?? '当事人',
        gender: d.gender ?? null,
        idNumber: idNumber === null ? null : revealed.includes('idNumber') ? idNumber : maskIdNumber(idNumber),
        creditCode: d.creditCode ?? null,
        phone: phone === null ? null : revealed.includes('phone') ? phone : maskPhone(phone),
        contactName: d.contactName ?? null,
        addressDetail: d.addressDetail ?? null,
        revealed,
      };
      return details;
    },
  } satisfies PartyDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryPartyDirectory = ReturnType<typeof createInMemoryPartyDirectory>;
