import { ConflictError } from '@gongzhi/errors';
import { isUniqueViolation } from '@gongzhi/http';
import type { PrismaClient } from '../generated/prisma/client';

/** A saved view as stored; `filters` is re-validated by the service whenever it is used. */
export interface SavedViewRecord {
  id: string;
  name: string;
  ownerStaffId: string;
  filters: unknown;
  shareRoles: string[];
  shareAgencyIds: string[];
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  version: number;
}

/** What a view's contents are made of when it is saved or replaced. */
export interface SavedViewFields {
  name: string;
  filters: Record<string, unknown>;
  shareRoles: string[];
  shareAgencyIds: string[];
}

/** Who reads: a view is theirs, or shared with one of their roles, or with their agency. */
export interface Viewer {
  staffId: string;
  roles: readonly string[];
  agencyId: string;
}

export interface SavedViewsRepository {
  /** The views the viewer sees, by name (at most `limit`). */
  visibleTo(viewer: Viewer, limit: number): Promise<SavedViewRecord[]>;
  byId(id: string): Promise<SavedViewRecord | null>;
  /** By name, whatever its case. */
  byName(name: string): Promise<SavedViewRecord | null>;
  /** Throws a 409 problem when another view has the name. */
  create(view: SavedViewFields & { id: string; ownerStaffId: string; at: Date }): Promise<SavedViewRecord>;
  /** Replaces the view if it is still at `version`; null when it changed or went meanwhile. 409 on a taken name. */
  replace(
    id: string,
    version: number,
    view: SavedViewFields & { by: string; at: Date },
  ): Promise<SavedViewRecord | null>;
  /** Deletes the view if it is still at `version`; false when it changed or went meanwhile. */
  remove(id: string, version: number): Promise<boolean>;
}

/** Names are compared without case: `Police-Overdue` and `police-overdue` are one view. */
export function nameKeyOf(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

const FIELDS = {
  id: true,
  name: true,
  ownerStaffId: true,
  filters: true,
  shareRoles: true,
  shareAgencyIds: true,
  createdAt: true,
  updatedAt: true,
  updatedBy: true,
  version: true,
} as const;

function nameTaken(name: string): ConflictError {
  return new ConflictError(`A saved view named "${name}" exists already: choose another name, or replace that view.`, {
    name,
  });
}

export function createSavedViewsRepository(prisma: PrismaClient): SavedViewsRepository {
  return {
    visibleTo(viewer, limit) {
      return prisma.savedView.findMany({
        where: {
          OR: [
            { ownerStaffId: viewer.staffId },
            { shareRoles: { hasSome: [...viewer.roles] } },
            { shareAgencyIds: { has: viewer.agencyId } },
          ],
        },
        orderBy: [{ nameKey: 'asc' }],
        take: limit,
        select: FIELDS,
      });
    },

    byId(id) {
      return prisma.savedView.findUnique({ where: { id }, select: FIELDS });
    },

    byName(name) {
      return prisma.savedView.findUnique({ where: { nameKey: nameKeyOf(name) }, select: FIELDS });
    },

    async create(view) {
      try {
        return await prisma.savedView.create({
          data: {
            id: view.id,
            name: view.name,
            nameKey: nameKeyOf(view.name),
            ownerStaffId: view.ownerStaffId,
            filters: view.filters as object,
            shareRoles: view.shareRoles,
            shareAgencyIds: view.shareAgencyIds,
            createdAt: view.at,
            updatedAt: view.at,
            updatedBy: view.ownerStaffId,
          },
          select: FIELDS,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(view.name);
        throw error;
      }
    },

    async replace(id, version, view) {
      try {
        // One conditional UPDATE: of two editors who read the same version, one wins and the other is told.
        const { count } = await prisma.savedView.updateMany({
          where: { id, version },
          data: {
            name: view.name,
            nameKey: nameKeyOf(view.name),
            filters: view.filters as object,
            shareRoles: view.shareRoles,
            shareAgencyIds: view.shareAgencyIds,
            updatedAt: view.at,
            updatedBy: view.by,
            version: { increment: 1 },
          },
        });
        if (count === 0) return null;
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(view.name);
        throw error;
      }
      return prisma.savedView.findUnique({ where: { id }, select: FIELDS });
    },

    async remove(id, version) {
      const { count } = await prisma.savedView.deleteMany({ where: { id, version } });
      return count > 0;
    },
  };
}
