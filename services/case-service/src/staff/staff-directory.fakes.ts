import { canSee } from '@gongzhi/auth';
import { DependencyUnavailableError } from '@gongzhi/errors';
import type { StaffDirectory, StaffLookup, StaffMember } from './staff-directory';

/**
 * agency-service's staff accounts in memory, answering with its visibility rule (`canSee`: administrators all,
 * coordinators their town, everyone else their own agency). `down` makes every lookup fail as an unreachable
 * agency-service does.
 */
export function createInMemoryStaffDirectory() {
  const members = new Map<string, StaffMember>();
  const directory = {
    members,
    down: false,
    /** Every staff id looked up, in order. */
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
  } satisfies StaffDirectory & Record<string, unknown>;
  return directory;
}

export type InMemoryStaffDirectory = ReturnType<typeof createInMemoryStaffDirectory>;
