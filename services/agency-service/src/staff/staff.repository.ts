import { isUniqueViolation } from '@gongzhi/http';
import type { StaffRole } from '@gongzhi/contracts';
import { ConflictError } from '@gongzhi/errors';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

import { hashPassword, passwordMatches } from './passwords';

/** A staff account as the service sees it. The password hash never leaves this layer. */
export interface StaffRecord {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  /** The town of the staff member's agency. */
  townCode: string;
  roles: StaffRole[];
  active: boolean;
  version: number;
  createdAt: Date;
}

export interface NewStaff {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: StaffRole[];
  /** Plain text on the way in; the repository stores only its bcrypt hash. */
  password: string;
}

export interface StaffListQuery {
  townCode?: string;
  agencyId?: string;
  afterId?: string;
  limit: number;
}

export interface StaffRepository {
  /** Throws UsernameTakenError (409) when the username exists. */
  create(staff: NewStaff): Promise<StaffRecord>;
  findById(id: string): Promise<StaffRecord | undefined>;
  /** The id of the account with this username (active or not), without touching its password. */
  idOfUsername(username: string): Promise<string | undefined>;
  list(query: StaffListQuery): Promise<StaffRecord[]>;
  /** The active account with this username and password; undefined for an unknown user, a wrong password or a disabled account alike. */
  verifyPassword(username: string, password: string): Promise<StaffRecord | undefined>;
  /** Active accounts that can sign an agreement off (mediators, liaisons), per agency; agencies with none are absent. */
  countSigners(agencyIds: readonly string[]): Promise<Map<string, number>>;
}

/** The roles that may sign a joint mediation's agreement off for their agency. */
export const SIGNER_ROLES = ['mediator', 'liaison'] as const;

export class UsernameTakenError extends ConflictError {
  constructor(username: string) {
    super(`The username ${username} is taken: choose another one.`);
  }
}

const staffSelect = {
  id: true,
  username: true,
  displayName: true,
  agencyId: true,
  roles: true,
  active: true,
  version: true,
  createdAt: true,
  agency: { select: { townCode: true } },
} as const satisfies Prisma.StaffSelect;

type StaffRow = Prisma.StaffGetPayload<{ select: typeof staffSelect }>;

function toRecord(row: StaffRow): StaffRecord {
  const { agency, ...rest } = row;
  // Roles are validated against STAFF_ROLES on the way in.
  return { ...rest, roles: row.roles as StaffRole[], townCode: agency.townCode };
}

export function createStaffRepository(prisma: PrismaClient, bcryptCost?: number): StaffRepository {
  return {
    async create(staff) {
      const { password, ...fields } = staff;
      try {
        const row = await prisma.staff.create({
          data: { ...fields, passwordHash: await hashPassword(password, bcryptCost) },
          select: staffSelect,
        });
        return toRecord(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new UsernameTakenError(staff.username);
        throw error;
      }
    },

    async findById(id) {
      const row = await prisma.staff.findUnique({ where: { id }, select: staffSelect });
      return row ? toRecord(row) : undefined;
    },

    async idOfUsername(username) {
      const row = await prisma.staff.findUnique({ where: { username }, select: { id: true } });
      return row?.id;
    },

    async countSigners(agencyIds) {
      if (agencyIds.length === 0) return new Map();
      const groups = await prisma.staff.groupBy({
        by: ['agencyId'],
        where: { agencyId: { in: [...agencyIds] }, active: true, roles: { hasSome: [...SIGNER_ROLES] } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.agencyId, group._count._all]));
    },

    async list(query) {
      const rows = await prisma.staff.findMany({
        where: {
          ...(query.townCode ? { agency: { townCode: query.townCode } } : {}),
          ...(query.agencyId ? { agencyId: query.agencyId } : {}),
          ...(query.afterId ? { id: { gt: query.afterId } } : {}),
        },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
        select: staffSelect,
      });
      return rows.map(toRecord);
    },

    async verifyPassword(username, password) {
      const row = await prisma.staff.findUnique({
        where: { username },
        select: { ...staffSelect, passwordHash: true },
      });
      const matches = await passwordMatches(password, row?.passwordHash);
      if (!row || !matches || !row.active) return undefined;
      const { passwordHash: _hash, ...rest } = row;
      return toRecord(rest);
    },
  };
}
