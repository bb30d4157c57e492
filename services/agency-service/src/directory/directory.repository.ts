import type { AgencyKind, StaffRole } from '@gongzhi/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** The rows of one town's directory, each list at most `limit + 1` long (the extra row says "truncated"). */
export interface DirectoryRows {
  townName: string | undefined;
  villages: { id: string; code: string; name: string; gridCodes: string[] }[];
  agencies: { id: string; kind: AgencyKind; name: string; areaCodes: string[] }[];
  /** Names and roles only: the repository never selects a username or anything of the password. */
  staff: { id: string; displayName: string; agencyId: string; roles: StaffRole[]; active: boolean }[];
}

export interface DirectoryLimits {
  villages: number;
  agencies: number;
  staff: number;
}

export interface DirectoryRepository {
  /** Villages by code, agencies by kind then name, staff by agency then display name; ties by id. */
  read(townCode: string, limits: DirectoryLimits): Promise<DirectoryRows>;
}

const staffSelect = {
  id: true,
  displayName: true,
  agencyId: true,
  roles: true,
  active: true,
} as const satisfies Prisma.StaffSelect;

export function createDirectoryRepository(prisma: PrismaClient): DirectoryRepository {
  return {
    async read(townCode, limits) {
      // One snapshot: a staff member moved between agencies mid-read cannot appear under an agency not listed.
      const [town, villages, agencies, staff] = await prisma.$transaction(
        [
          prisma.town.findUnique({ where: { code: townCode }, select: { name: true } }),
          prisma.village.findMany({
            where: { townCode },
            orderBy: [{ code: 'asc' }, { id: 'asc' }],
            take: limits.villages + 1,
            select: { id: true, code: true, name: true, gridCodes: true },
          }),
          prisma.agency.findMany({
            where: { townCode },
            orderBy: [{ kind: 'asc' }, { name: 'asc' }, { id: 'asc' }],
            take: limits.agencies + 1,
            select: { id: true, kind: true, name: true, areaCodes: true },
          }),
          prisma.staff.findMany({
            where: { agency: { townCode } },
            orderBy: [{ agencyId: 'asc' }, { displayName: 'asc' }, { id: 'asc' }],
            take: limits.staff + 1,
            select: staffSelect,
          }),
        ],
        { isolationLevel: 'RepeatableRead' },
      );
      return {
        townName: town?.name,
        villages,
        // Written only after validation by the contracts (AGENCY_KINDS, STAFF_ROLES).
        agencies: agencies.map((row) => ({ ...row, kind: row.kind as AgencyKind })),
        staff: staff.map((row) => ({ ...row, roles: row.roles as StaffRole[] })),
      };
    },
  };
}
