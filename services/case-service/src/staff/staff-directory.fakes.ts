import { canSee } from '@gongzhi/auth';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { AgencyEntry, StaffDirectory, StaffLookup, StaffMember, VillageEntry } from './staff-directory';

/**
 * The agencies of the unit tests' demo town (the ids `staff` in testing/fake-case-service uses), and two elsewhere. Ids
 * are UUIDs as agency-service makes them (an action naming an agency is refused otherwise), numbered in the order of
 * their names.
 */
const FAKE_AGENCIES: AgencyEntry[] = [
  // Shangba mediation committee
  { id: '0a9e0000-0000-4000-8000-000000000006', kind: 'mediation-committee', townCode: 'qingshui' },
  // Xiaba mediation committee
  { id: '0a9e0000-0000-4000-8000-000000000007', kind: 'mediation-committee', townCode: 'qingshui' },
  // police station
  { id: '0a9e0000-0000-4000-8000-000000000005', kind: 'police-station', townCode: 'qingshui' },
  // governance centre
  { id: '0a9e0000-0000-4000-8000-000000000001', kind: 'governance-centre', townCode: 'qingshui' },
  // land office
  { id: '0a9e0000-0000-4000-8000-000000000004', kind: 'other-department', townCode: 'qingshui' },
  // Hekou's governance centre
  { id: '0a9e0000-0000-4000-8000-000000000002', kind: 'governance-centre', townCode: 'hekou' },
  // Hekou's police station
  { id: '0a9e0000-0000-4000-8000-000000000003', kind: 'police-station', townCode: 'hekou' },
];

/** The villages of the demo town's registry (as agency-service's seed names them), and one of the other town. */
const FAKE_VILLAGES: VillageEntry[] = [
  { townCode: 'qingshui', code: 'shangba', gridCodes: ['shangba-01', 'shangba-02', 'shangba-03'] },
  { townCode: 'qingshui', code: 'xiaba', gridCodes: ['xiaba-01', 'xiaba-02'] },
  { townCode: 'qingshui', code: 'dongkou', gridCodes: ['dongkou-01', 'dongkou-02'] },
  { townCode: 'hekou', code: 'hekou-1', gridCodes: [] },
];

/**
 * agency-service's staff accounts, agencies and villages in memory, answering with its visibility rule (`canSee`:
 * administrators all, coordinators their town, everyone else their own agency; villages: the town's staff). `down`
 * makes every lookup fail as an unreachable agency-service does.
 */
export function createInMemoryStaffDirectory() {
  const members = new Map<string, StaffMember>();
  const agencies = new Map<string, AgencyEntry>(FAKE_AGENCIES.map((agency) => [agency.id, agency]));
  const villages: VillageEntry[] = FAKE_VILLAGES.map((village) => ({ ...village, gridCodes: [...village.gridCodes] }));
  const directory = {
    members,
    agencies,
    villages,
    down: false,
    /** Every staff and agency id looked up, in order. */
    lookups: [] as string[],
    /** Every village looked up (`town/code`), in order. */
    villageLookups: [] as string[],
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
    async findVillage(townCode: string, code: string, lookup: StaffLookup): Promise<VillageEntry | undefined> {
      directory.villageLookups.push(`${townCode}/${code}`);
      if (directory.down) throw new DependencyUnavailableError('agency-service (the staff directory)');
      // agency-service's rule for villages: the town's staff read them, administrators every town's.
      const { principal } = lookup;
      if (principal.townCode !== townCode && !principal.roles.includes('administrator')) return undefined;
      const village = villages.find((v) => v.townCode === townCode && v.code === code);
      return village && { ...village, gridCodes: [...village.gridCodes] };
    },
  } satisfies StaffDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryStaffDirectory = ReturnType<typeof createInMemoryStaffDirectory>;
