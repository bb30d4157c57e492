import { canSee } from '@gongzhi/auth';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { PartyDirectory, PartyLookup, PartyRef } from './party-directory';

/** A party as party-service's visibility rule sees it: its town and the agencies involved with it. */
export interface InMemoryParty {
  id: string;
  townCode: string;
  involvedAgencyIds: string[];
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
  } satisfies PartyDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryPartyDirectory = ReturnType<typeof createInMemoryPartyDirectory>;
