import { canSee } from '@gongzhi/auth';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { AgencyEntry, StaffDirectory, StaffLookup, StaffMember } from './staff-directory';

/** The agencies of the unit tests' demo town (the ids `staff` in testing/fake-case-service uses), and one elsewhere. */
const FAKE_AGENCIES: AgencyEntry[] = [
  { id: 'agency-shangba', kind: 'mediation-committee', townCode: 'qingshui' },
  { id: 'agency-xiaba', kind: 'mediation-committee', townCode: 'qingshui' },
  { id: 'agency-police', kind: 'police-station', townCode: 'qingshui' },
  { id: 'agency-centre', kind: 'governance-centre', townCode: 'qingshui' },
  { id: 'agency-land', kind: 'other-department', townCode: 'qingshui' },
  { id: 'agency-elsewhere', kind: 'governance-centre', townCode: 'hekou' },
  { id: 'agency-elsewhere-police', kind: 'police-station', townCode: 'hekou' },
];

/**
 * agency-service's staff accounts and agencies in memory, answering with its visibility rule (`canSee`:
 * administrators all, coordinators their town, everyone else their own agency). `down` makes every lookup fail as an
 * unreachable agency-service does.
 */
export function createInMemoryStaffDirectory() {
  const members = new Map<string, StaffMember>();
  const agencies = new Map<string, AgencyEntry>(FAKE_AGENCIES.map((agency) => [agency.id, agency]));
  const directory = {
    members,
    agencies,
    down: false,
    /** Every staff and agency id looked up, in order. */
    lookups: [] as string[],
    /** Adds (or replaces) an account: an active mediator of the demo town unless told otherwise. */
    add(member: Partial<StaffMember> & Pick<StaffMember, 'id' | 'agencyId'>): StaffMember {
      const full: StaffMember = { townCode: 'qingshui', roles: ['mediator'], active: true, ...member };
      members.set(full.id, full);
      return full;
    },
    async find(staffId: string, lookup: StaffLookup): Promise<StaffMember | undefined> {
      directory.lookups.push(staffId);
      if (directory.down) throw new DependencyUnavailableError('agency-service (the staff directory)');
      const member = members.get(staffId);
      if (!member || !canSee(lookup.principal, { townCode: member.townCode, agencyIds: [member.agencyId] })) {
        return undefined;
      }
      return { ...member, roles: [...member.roles] };
    },
    async findAgency(agencyId: string, lookup: StaffLookup): Promise<AgencyEntry | undefined> {
      directory.lookups.push(agencyId);
      if (directory.down) throw new DependencyUnavailableError('agency-service (the staff directory)');
      const agency = agencies.get(agencyId);
      if (!agency || !canSee(lookup.principal, { townCode: agency.townCode, agencyIds: [agency.id] })) return undefined;
      return { ...agency };
    },
  } satisfies StaffDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryStaffDirectory = ReturnType<typeof createInMemoryStaffDirectory>;
