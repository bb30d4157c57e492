import { ConflictError } from '@gongzhi/errors';
import { isUniqueViolation } from '@gongzhi/http';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { SavedViewFields, SavedViewRecord, SavedViewScope, Viewer } from './saved-views.model';

/** The saved views of one list (its scope), as stored. */
export interface SavedViewsRepository {
  /** The views of this scope the viewer sees (their own and those shared with them), by name (at most `limit`). */
  visibleTo(viewer: Viewer, limit: number): Promise<SavedViewRecord[]>;
  byId(id: string): Promise<SavedViewRecord | null>;
  /**
   * The views of that name, whatever its case, that the viewer sees: the viewer's own first. At most one for the
   * stuck views (their names are unique); task views of several people may share a name.
   */
  named(name: string, viewer: Viewer): Promise<SavedViewRecord[]>;
  /** Throws a 409 problem when another view of the name space has the name. */
  create(
    view: SavedViewFields & { id: string; ownerStaffId: string; townCode: string | null; at: Date },
  ): Promise<SavedViewRecord>;
  /** Replaces the view if it is still at `version`; null when it changed or went meanwhile. 409 on a taken name. */
  replace(
    id: string,
    version: number,
    view: SavedViewFields & { by: string; at: Date },
  ): Promise<SavedViewRecord | null>;
  /** Deletes the view if it is still at `version`; false when it changed or went meanwhile. */
  remove(id: string, version: number): Promise<boolean>;
}

/**
 * Names are compared without case (and with runs of spaces as one): `Police-Overdue` and `police-overdue` are one
 * view. The stuck views' names have no spaces, so their keys are what they always were.
 */
export function nameKeyOf(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ');
}

/**
 * Whose names a new view's name must differ from: the stuck views are one list the administrators share; each
 * person names their own task views (and learns nothing of other people's names by a refusal).
 */
export function nameSpaceOf(scope: SavedViewScope, ownerStaffId: string): string {
  return scope === 'stuck' ? '' : ownerStaffId;
}

/**
 * Who a view reaches besides its owner. A stuck view: anyone with one of its roles, and anyone of one of its agencies.
 * A task view: staff of its owner's town (administrators, who work county-wide, wherever they are) who match each
 * list it names: one of its roles if it names roles, one of its agencies if it names agencies (the police station's
 * liaisons: `liaison` and the station). Naming neither keeps it private.
 */
export function isSharedWith(
  scope: SavedViewScope,
  view: Pick<SavedViewRecord, 'townCode' | 'shareRoles' | 'shareAgencyIds'>,
  viewer: Viewer,
): boolean {
  const byRole = view.shareRoles.some((role) => viewer.roles.includes(role));
  const byAgency = view.shareAgencyIds.includes(viewer.agencyId);
  if (scope === 'stuck') return byRole || byAgency;
  const inTown = viewer.roles.includes('administrator') || view.townCode === viewer.townCode;
  const named = view.shareRoles.length > 0 || view.shareAgencyIds.length > 0;
  return inTown && named && (view.shareRoles.length === 0 || byRole) && (view.shareAgencyIds.length === 0 || byAgency);
}

/** `isSharedWith`, or the owner, as a query. */
function visibleWhere(scope: SavedViewScope, viewer: Viewer): Prisma.SavedViewWhereInput {
  if (scope === 'stuck') {
    return {
      OR: [
        { ownerStaffId: viewer.staffId },
        { shareRoles: { hasSome: [...viewer.roles] } },
        { shareAgencyIds: { has: viewer.agencyId } },
      ],
    };
  }
  return {
    OR: [
      { ownerStaffId: viewer.staffId },
      {
        AND: [
          viewer.roles.includes('administrator') ? {} : { townCode: viewer.townCode },
          { OR: [{ shareRoles: { isEmpty: false } }, { shareAgencyIds: { isEmpty: false } }] },
          { OR: [{ shareRoles: { isEmpty: true } }, { shareRoles: { hasSome: [...viewer.roles] } }] },
          { OR: [{ shareAgencyIds: { isEmpty: true } }, { shareAgencyIds: { has: viewer.agencyId } }] },
        ],
      },
    ],
  };
}

const FIELDS = {
  id: true,
  name: true,
  ownerStaffId: true,
  townCode: true,
  filters: true,
  shareRoles: true,
  shareAgencyIds: true,
  createdAt: true,
  updatedAt: true,
  updatedBy: true,
  version: true,
} as const;

/** The 409 of a name taken in the view's name space. */
export function nameTaken(scope: SavedViewScope, name: string): ConflictError {
  return new ConflictError(
    scope === 'stuck'
      ? `A saved view named "${name}" exists already: choose another name, or replace that view.`
      : `You have a saved view named "${name}" already: choose another name, or replace that view.`,
    { name },
  );
}

/** The saved views of one list (`scope`): the stuck scan's unless told otherwise. */
export function createSavedViewsRepository(
  prisma: PrismaClient,
  scope: SavedViewScope = 'stuck',
): SavedViewsRepository {
  return {
    visibleTo(viewer, limit) {
      return prisma.savedView.findMany({
        where: { scope, ...visibleWhere(scope, viewer) },
        orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
        take: limit,
        select: FIELDS,
      });
    },

    byId(id) {
      return prisma.savedView.findFirst({ where: { id, scope }, select: FIELDS });
    },

    async named(name, viewer) {
      const rows = await prisma.savedView.findMany({
        where: { scope, nameKey: nameKeyOf(name), ...visibleWhere(scope, viewer) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        // The viewer's own and a few shared ones: enough to tell one view from several.
        take: 10,
        select: FIELDS,
      });
      return [
        ...rows.filter((row) => row.ownerStaffId === viewer.staffId),
        ...rows.filter((row) => row.ownerStaffId !== viewer.staffId),
      ];
    },

    async create(view) {
      try {
        return await prisma.savedView.create({
          data: {
            id: view.id,
            scope,
            name: view.name,
            nameKey: nameKeyOf(view.name),
            nameSpace: nameSpaceOf(scope, view.ownerStaffId),
            ownerStaffId: view.ownerStaffId,
            townCode: view.townCode,
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
        if (isUniqueViolation(error)) throw nameTaken(scope, view.name);
        throw error;
      }
    },

    async replace(id, version, view) {
      try {
        // One conditional UPDATE: of two editors who read the same version, one wins and the other is told.
        const { count } = await prisma.savedView.updateMany({
          where: { id, scope, version },
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
        if (isUniqueViolation(error)) throw nameTaken(scope, view.name);
        throw error;
      }
      return prisma.savedView.findFirst({ where: { id, scope }, select: FIELDS });
    },

    async remove(id, version) {
      const { count } = await prisma.savedView.deleteMany({ where: { id, scope, version } });
      return count > 0;
    },
  };
}
