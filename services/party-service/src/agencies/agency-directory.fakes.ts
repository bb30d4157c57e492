import { canSee } from '@gongzhi/auth';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { AgencyDirectory, AgencyFacts, AgencyLookup } from './agency-directory';

/**
 * agency-service's agencies in memory, answering with its visibility rule (`canSee`: administrators all, coordinators
 * their town, everyone else their own agency). `down` makes every lookup fail as an unreachable agency-service does.
 */
export function createInMemoryAgencyDirectory(initial: readonly AgencyFacts[] = []) {
  const agencies = new Map<string, AgencyFacts>(initial.map((agency) => [agency.id, { ...agency }]));
  const directory = {
    agencies,
    down: false,
    /** Every agency id looked up, in order. */
    lookups: [] as string[],
    async find(agencyId: string, lookup: AgencyLookup): Promise<AgencyFacts | undefined> {
      directory.lookups.push(agencyId);
      if (directory.down) throw new DependencyUnavailableError('agency-service (the agency directory)');
      const agency = agencies.get(agencyId);
      if (!agency || !canSee(lookup.principal, { townCode: agency.townCode, agencyIds: [agency.id] })) return undefined;
      return { ...agency };
    },
  } satisfies AgencyDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryAgencyDirectory = ReturnType<typeof createInMemoryAgencyDirectory>;
