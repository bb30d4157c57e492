import { isUniqueViolation } from '@gongzhi/http';
import type { StaffRole } from '@gongzhi/contracts';
import { ConflictError } from '@gongzhi/errors';
import { writeOutbox } from '@gongzhi/outbox';
import { type AgencyEvents, createAgencyEvents } from '../events/agency-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

import { hashPassword, passwordMatches } from './passwords';
import type { NewStaff, StaffChange, StaffListQuery, StaffPatch, StaffRecord, StaffUpdateResult } from './staff.model';

export interface StaffRepository {
  /** Throws UsernameTakenError (409) when the username exists. */
  create(staff: NewStaff): Promise<StaffRecord>;
  findById(id: string): Promise<StaffRecord | undefined>;
  /** The id of the account with this username (active or not), without touching its password. */
  idOfUsername(username: string): Promise<string | undefined>;
  list(query: StaffListQuery): Promise<StaffRecord[]>;
  /**
   * Applies the patch if the account is still at `expectedVersion`, with its event in the outbox, in one transaction.
   * Deactivating also revokes every refresh token the person could still use: their sessions end at once.
   */
  update(id: string, expectedVersion: number, change: StaffChange): Promise<StaffUpdateResult>;
  /** The active account with this username and password; undefined for an unknown user, a wrong password or a disabled account alike. */
  verifyPassword(username: string, password: string): Promise<StaffRecord | undefined>;
  /** Active accounts that can sign an agreement off (mediators, liaisons), per agency; agencies with none are absent. */
  countSigners(agencyIds: readonly string[]): Promise<Map<string, number>>;
}

/** The roles that may sign a joint mediation's agreement off for their agency. */
export const SIGNER_ROLES = ['mediator', 'liaison'] as const;

/** Whether a change could leave the account without being an active administrator (so the last one is guarded). */
export function mayRemoveAdministrator(patch: StaffPatch): boolean {
  return patch.active === false || (patch.roles !== undefined && !patch.roles.includes('administrator'));
}

/**
 * `text` escaped for Prisma's `contains`, which wraps it in `%…%` for ILIKE as it is: without this a `%` or `_` typed
 * into the search would match any name. The backslash is PostgreSQL's default LIKE escape character.
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

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

/** Account changes write their event to the outbox in the same transaction. */
export function createStaffRepository(
  prisma: PrismaClient,
  options: { bcryptCost?: number; events?: AgencyEvents } = {},
): StaffRepository {
  const { bcryptCost } = options;
  const events = options.events ?? createAgencyEvents();
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
          ...(query.role ? { roles: { has: query.role } } : {}),
          ...(query.active !== undefined ? { active: query.active } : {}),
          ...(query.text
            ? {
                OR: [
                  { displayName: { contains: likeLiteral(query.text), mode: 'insensitive' as const } },
                  { username: { contains: likeLiteral(query.text), mode: 'insensitive' as const } },
                ],
              }
            : {}),
          ...(query.afterId ? { id: { gt: query.afterId } } : {}),
        },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
        select: staffSelect,
      });
      return rows.map(toRecord);
    },

    async update(id, expectedVersion, { patch, changedBy, at }) {
      return prisma.$transaction(async (tx) => {
        if (mayRemoveAdministrator(patch)) {
          // Every active administrator's row is locked, in one order, before anything is written: two administrators
          // deactivating each other at the same moment queue here, and the second sees the first's change (a row no
          // longer matching is left out when its lock is granted) instead of both leaving the town with none.
          const admins = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM staff WHERE active AND roles @> ARRAY['administrator']::text[] ORDER BY id FOR UPDATE`;
          if (admins.length === 1 && admins[0]?.id === id) return 'last-administrator' as const;
        }
        const { count } = await tx.staff.updateMany({
          where: { id, version: expectedVersion },
          data: { ...patch, version: { increment: 1 } },
        });
        const row = await tx.staff.findUnique({ where: { id }, select: staffSelect });
        if (!row) return undefined;
        if (count !== 1) return 'stale' as const;
        if (patch.active === false) {
          // The tokens a client could still redeem: unused, unrevoked, unexpired. Used ones are spent already (a reuse
          // revokes its family anyway), so the person's history of refreshes is left as it was.
          await tx.refreshToken.updateMany({
            where: { staffId: id, usedAt: null, revokedAt: null, expiresAt: { gt: at } },
            data: { revokedAt: at },
          });
        }
        const record = toRecord(row);
        const event = events.staffChanged(record, patch, changedBy, at);
        if (event) await writeOutbox(tx, [event]);
        return record;
      });
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
