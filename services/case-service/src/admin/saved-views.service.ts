/**
 * Saved views of the stuck scan: administrators save a scan's filters under a name and share them with staff of some
 * roles or agencies; whoever sees a view can apply it with `?view=`. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { hasAnyRole } from '@gongzhi/auth';
import {
  type SavedView,
  SavedViewFilters,
  type SavedViewList,
  type SavedViewRequest,
  type StaffRole,
} from '@gongzhi/contracts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '@gongzhi/errors';
import { type AuditTrail, etagOf } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../cases/cases.service';
import { requireStaff } from '../principals';
import type { SavedViewRecord, SavedViewsRepository, Viewer } from './saved-views.repository';

export interface SavedViewsServiceDeps {
  repository: SavedViewsRepository;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
}

/** A view with the version its ETag is made of. */
export interface VersionedView {
  view: SavedView;
  etag: string;
}

export interface SavedViewsService {
  list(ctx: CallContext): Promise<SavedViewList>;
  get(ctx: CallContext, ref: string): Promise<VersionedView>;
  create(ctx: CallContext, request: SavedViewRequest): Promise<VersionedView>;
  /** `ifMatch`, when sent, must be the view's current ETag. */
  replace(ctx: CallContext, ref: string, request: SavedViewRequest, ifMatch?: string): Promise<VersionedView>;
  remove(ctx: CallContext, ref: string, ifMatch?: string): Promise<SavedView>;
  /** The filters of a view the caller sees, to apply to a scan. */
  filtersOf(ctx: CallContext, ref: string): Promise<{ id: string; name: string; filters: SavedViewFilters }>;
}

/** A view list is for people to read: beyond this many, something other than saved views is wrong. */
const LIST_LIMIT = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function viewerOf(ctx: CallContext): Viewer {
  return { staffId: ctx.principal.staffId, roles: ctx.principal.roles, agencyId: ctx.principal.agencyId };
}

/** The owner, anyone with a role it is shared with, anyone of an agency it is shared with. */
export function canSee(view: Pick<SavedViewRecord, 'ownerStaffId' | 'shareRoles' | 'shareAgencyIds'>, viewer: Viewer) {
  return (
    view.ownerStaffId === viewer.staffId ||
    view.shareRoles.some((role) => viewer.roles.includes(role)) ||
    view.shareAgencyIds.includes(viewer.agencyId)
  );
}

/** Shared views are the team's: any administrator who sees one may change it, not only its author. */
export function canEdit(view: SavedViewRecord, viewer: Viewer): boolean {
  return viewer.roles.includes('administrator') && canSee(view, viewer);
}

function requireAdministrator(ctx: CallContext, what: string): void {
  requireStaff(ctx.principal);
  if (!hasAnyRole(ctx.principal, ['administrator'])) {
    throw new ForbiddenError(`Only administrators ${what}: ask one to do it, or to share a view with you.`);
  }
}

function checkIfMatch(record: SavedViewRecord, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((tag) => tag.trim());
  if (!tags.includes('*') && !tags.includes(etagOf(record.id, record.version))) throw new PreconditionFailedError();
}

export function createSavedViewsService(deps: SavedViewsServiceDeps): SavedViewsService {
  const now = deps.now ?? (() => new Date());

  function audit(ctx: CallContext, action: string, id: string): Promise<void> {
    return deps.audit.record({
      actor: ctx.principal.staffId,
      action,
      objectType: 'saved-view',
      objectId: id,
      requestId: ctx.requestId,
    });
  }

  function toView(record: SavedViewRecord, viewer: Viewer): SavedView {
    const filters = SavedViewFilters.safeParse(record.filters);
    return {
      id: record.id,
      name: record.name,
      // A view saved by an older version may hold a filter this one dropped: shown as stored, refused when applied.
      filters: filters.success ? filters.data : (record.filters as SavedViewFilters),
      shareRoles: record.shareRoles as StaffRole[],
      shareAgencyIds: record.shareAgencyIds,
      ownerStaffId: record.ownerStaffId,
      editable: canEdit(record, viewer),
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      updatedBy: record.updatedBy,
    };
  }

  function versioned(record: SavedViewRecord, viewer: Viewer): VersionedView {
    return { view: toView(record, viewer), etag: etagOf(record.id, record.version) };
  }

  /** The view the reference names (an id, or else a name), if the caller sees it; 404 otherwise. */
  async function find(ctx: CallContext, ref: string): Promise<SavedViewRecord> {
    requireStaff(ctx.principal);
    const record = UUID.test(ref) ? await deps.repository.byId(ref) : await deps.repository.byName(ref);
    if (!record || !canSee(record, viewerOf(ctx))) throw new NotFoundError('saved view', ref);
    return record;
  }

  async function findEditable(ctx: CallContext, ref: string, ifMatch: string | undefined): Promise<SavedViewRecord> {
    // An administrator who sees a view may change it (canEdit): its owner, or one it is shared with.
    requireAdministrator(ctx, 'change saved views');
    const record = await find(ctx, ref);
    checkIfMatch(record, ifMatch);
    return record;
  }

  function fields(request: SavedViewRequest) {
    return {
      name: request.name,
      filters: request.filters,
      // Sorted and without repeats: the same sharing always reads the same.
      shareRoles: [...new Set(request.shareRoles)].sort(),
      shareAgencyIds: [...new Set(request.shareAgencyIds)].sort(),
    };
  }

  return {
    async list(ctx) {
      requireStaff(ctx.principal);
      const viewer = viewerOf(ctx);
      const records = await deps.repository.visibleTo(viewer, LIST_LIMIT);
      return { items: records.map((record) => toView(record, viewer)) };
    },

    async get(ctx, ref) {
      return versioned(await find(ctx, ref), viewerOf(ctx));
    },

    async create(ctx, request) {
      requireAdministrator(ctx, 'save views');
      const record = await deps.repository.create({
        ...fields(request),
        id: randomUUID(),
        ownerStaffId: ctx.principal.staffId,
        at: now(),
      });
      await audit(ctx, 'admin.view.create', record.id);
      deps.logger.info({ viewId: record.id }, 'saved view created');
      return versioned(record, viewerOf(ctx));
    },

    async replace(ctx, ref, request, ifMatch) {
      const current = await findEditable(ctx, ref, ifMatch);
      const record = await deps.repository.replace(current.id, current.version, {
        ...fields(request),
        by: ctx.principal.staffId,
        at: now(),
      });
      if (!record) throw new PreconditionFailedError('Someone changed or deleted this view meanwhile: read it again.');
      await audit(ctx, 'admin.view.update', record.id);
      return versioned(record, viewerOf(ctx));
    },

    async remove(ctx, ref, ifMatch) {
      const current = await findEditable(ctx, ref, ifMatch);
      if (!(await deps.repository.remove(current.id, current.version))) {
        throw new PreconditionFailedError('Someone changed or deleted this view meanwhile: read it again.');
      }
      await audit(ctx, 'admin.view.delete', current.id);
      return toView(current, viewerOf(ctx));
    },

    async filtersOf(ctx, ref) {
      const record = await find(ctx, ref);
      const filters = SavedViewFilters.safeParse(record.filters);
      if (!filters.success) {
        throw new ConflictError(
          `The saved view "${record.name}" holds filters this version no longer understands: save it again.`,
        );
      }
      return { id: record.id, name: record.name, filters: filters.data };
    },
  };
}
