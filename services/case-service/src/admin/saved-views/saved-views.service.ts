/**
 * Saved views: a list's filters kept under a name and shared with staff of some roles or agencies; whoever sees a view
 * can apply it. One implementation for two lists: the administrators' stuck scan (`createSavedViewsService`: saved and
 * changed by administrators, `?view=`) and the task queue (task-views/: saved by anyone, `?savedView=`). Every change
 * is audited.
 */
import { randomUUID } from 'node:crypto';
import { hasAnyRole } from '@gongzhi/auth';
import { isUuid, SavedViewFilters, type StaffRole, type z, type AuditAction } from '@gongzhi/contracts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '@gongzhi/errors';
import { type AuditTrail, etagOf } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../../kernel/call-context';
import { requireStaff } from '../../kernel/principals';
import type { SavedViewRecord, SavedViewScope, Viewer } from './saved-views.model';
import { isSharedWith, type SavedViewsRepository } from './saved-views.repository';

export interface SavedViewsServiceDeps {
  repository: SavedViewsRepository;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
}

/** A saved view as its readers see it, whatever the list its filters are of. */
export interface SavedViewOf<F> {
  id: string;
  name: string;
  filters: F;
  shareRoles: StaffRole[];
  shareAgencyIds: string[];
  ownerStaffId: string;
  editable: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** What a view is saved (or replaced) with, as the contracts' request schemas give it. */
export interface SavedViewInput<F> {
  name: string;
  filters: F;
  shareRoles: StaffRole[];
  shareAgencyIds: string[];
}

/** A view with the version its ETag is made of. */
export interface VersionedView<V = SavedViewOf<SavedViewFilters>> {
  view: V;
  etag: string;
}

export interface ViewsService<F> {
  list(ctx: CallContext): Promise<{ items: SavedViewOf<F>[] }>;
  get(ctx: CallContext, ref: string): Promise<VersionedView<SavedViewOf<F>>>;
  create(ctx: CallContext, request: SavedViewInput<F>): Promise<VersionedView<SavedViewOf<F>>>;
  /** `ifMatch`, when sent, must be the view's current ETag. */
  replace(
    ctx: CallContext,
    ref: string,
    request: SavedViewInput<F>,
    ifMatch?: string,
  ): Promise<VersionedView<SavedViewOf<F>>>;
  remove(ctx: CallContext, ref: string, ifMatch?: string): Promise<SavedViewOf<F>>;
  /** The filters of a view the caller sees, to apply to the list. */
  filtersOf(ctx: CallContext, ref: string): Promise<{ id: string; name: string; filters: F }>;
}

/** The stuck scan's saved views (the administrators'): SavedViewOf<SavedViewFilters> is the contracts' SavedView. */
export type SavedViewsService = ViewsService<SavedViewFilters>;

/** What sets one list's saved views apart: their filters, who saves and changes them, how the audit names them. */
export interface SavedViewKind<F> {
  scope: SavedViewScope;
  /** The list's filters, parsed again from storage whenever a view is read. */
  filters: z.ZodType<F>;
  /** The audit trail's object type and actions. */
  audit: { objectType: string; create: AuditAction; update: AuditAction; delete: AuditAction };
  /** Refuses (403) a caller who may not save a view of this list; staff only in any case. */
  requireCreator(ctx: CallContext): void;
  /** Refuses (403), before the view is looked up, a caller who may never change a view of this list. */
  requireEditor?(ctx: CallContext): void;
  /** Whether the viewer, who sees the view, may change or delete it. */
  canEdit(record: SavedViewRecord, viewer: Viewer): boolean;
  /** Why a caller who sees a view may not change it (when `canEdit` says no). */
  notEditable: string;
  /** Checks a view's contents before they are saved (e.g. whom it may be shared with); throws a problem if not. */
  checkFields?(ctx: CallContext, request: SavedViewInput<F>): Promise<void> | void;
}

/** A view list is for people to read: beyond this many, something other than saved views is wrong. */
const LIST_LIMIT = 500;

export function viewerOf(ctx: CallContext): Viewer {
  const { principal } = ctx;
  return {
    staffId: principal.staffId,
    roles: principal.roles,
    agencyId: principal.agencyId,
    townCode: principal.townCode,
  };
}

/** The stuck views' audience: the owner, anyone with a role it is shared with, anyone of an agency it is shared with. */
export function canSee(
  view: Pick<SavedViewRecord, 'ownerStaffId' | 'townCode' | 'shareRoles' | 'shareAgencyIds'>,
  viewer: Viewer,
  scope: SavedViewScope = 'stuck',
) {
  return view.ownerStaffId === viewer.staffId || isSharedWith(scope, view, viewer);
}

/** Shared stuck views are the team's: any administrator who sees one may change it, not only its author. */
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

/** A stored view as the viewer reads it, by the rules of its kind. */
export function viewOf<F>(kind: SavedViewKind<F>, record: SavedViewRecord, viewer: Viewer): SavedViewOf<F> {
  const filters = kind.filters.safeParse(record.filters);
  return {
    id: record.id,
    name: record.name,
    // A view saved by an older version may hold a filter this one dropped: shown as stored, refused when applied.
    filters: filters.success ? filters.data : (record.filters as F),
    shareRoles: record.shareRoles as StaffRole[],
    shareAgencyIds: record.shareAgencyIds,
    ownerStaffId: record.ownerStaffId,
    editable: kind.canEdit(record, viewer),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    updatedBy: record.updatedBy,
  };
}

function versioned<F>(kind: SavedViewKind<F>, record: SavedViewRecord, viewer: Viewer): VersionedView<SavedViewOf<F>> {
  return { view: viewOf(kind, record, viewer), etag: etagOf(record.id, record.version) };
}

/**
 * The view the reference names (an id, or else a name), if the caller sees it; 404 otherwise. Of several views of
 * that name the caller sees (task views of different people), their own; if none is theirs, 409: name it by id.
 */
export async function findView(
  repository: Pick<SavedViewsRepository, 'byId' | 'named'>,
  scope: SavedViewScope,
  ctx: CallContext,
  ref: string,
): Promise<SavedViewRecord> {
  requireStaff(ctx.principal);
  const viewer = viewerOf(ctx);
  if (isUuid(ref)) {
    const record = await repository.byId(ref);
    if (!record || !canSee(record, viewer, scope)) throw new NotFoundError('saved view', ref);
    return record;
  }
  const [first, ...others] = await repository.named(ref, viewer);
  if (!first) throw new NotFoundError('saved view', ref);
  if (first.ownerStaffId !== viewer.staffId && others.length > 0) {
    throw new ConflictError(`Several saved views shared with you are named "${ref}": choose one by its id.`, {
      viewIds: [first, ...others].map((record) => record.id),
    });
  }
  return first;
}

/** The view the reference names, if the caller may change it and it is still the one they read (`ifMatch`). */
async function findEditable<F>(
  repository: Pick<SavedViewsRepository, 'byId' | 'named'>,
  kind: SavedViewKind<F>,
  ctx: CallContext,
  ref: string,
  ifMatch: string | undefined,
): Promise<SavedViewRecord> {
  kind.requireEditor?.(ctx);
  const record = await findView(repository, kind.scope, ctx, ref);
  if (!kind.canEdit(record, viewerOf(ctx))) throw new ForbiddenError(kind.notEditable);
  checkIfMatch(record, ifMatch);
  return record;
}

function fieldsOf<F>(request: SavedViewInput<F>) {
  return {
    name: request.name,
    filters: request.filters as Record<string, unknown>,
    // Sorted and without repeats: the same sharing always reads the same.
    shareRoles: [...new Set(request.shareRoles)].sort(),
    shareAgencyIds: [...new Set(request.shareAgencyIds)].sort(),
  };
}

/** The saved views of one list, by the rules of its kind. */
export function createViewsService<F>(deps: SavedViewsServiceDeps, kind: SavedViewKind<F>): ViewsService<F> {
  const now = deps.now ?? (() => new Date());

  function audit(ctx: CallContext, action: AuditAction, id: string): Promise<void> {
    return deps.audit.record({
      actor: ctx.principal.staffId,
      action,
      objectType: kind.audit.objectType,
      objectId: id,
      requestId: ctx.requestId,
    });
  }

  return {
    async list(ctx) {
      requireStaff(ctx.principal);
      const viewer = viewerOf(ctx);
      const records = await deps.repository.visibleTo(viewer, LIST_LIMIT);
      return { items: records.map((record) => viewOf(kind, record, viewer)) };
    },

    async get(ctx, ref) {
      return versioned(kind, await findView(deps.repository, kind.scope, ctx, ref), viewerOf(ctx));
    },

    async create(ctx, request) {
      requireStaff(ctx.principal);
      kind.requireCreator(ctx);
      await kind.checkFields?.(ctx, request);
      const record = await deps.repository.create({
        ...fieldsOf(request),
        id: randomUUID(),
        ownerStaffId: ctx.principal.staffId,
        townCode: kind.scope === 'stuck' ? null : ctx.principal.townCode,
        at: now(),
      });
      await audit(ctx, kind.audit.create, record.id);
      deps.logger.info({ viewId: record.id, scope: kind.scope }, 'saved view created');
      return versioned(kind, record, viewerOf(ctx));
    },

    async replace(ctx, ref, request, ifMatch) {
      const current = await findEditable(deps.repository, kind, ctx, ref, ifMatch);
      await kind.checkFields?.(ctx, request);
      const record = await deps.repository.replace(current.id, current.version, {
        ...fieldsOf(request),
        by: ctx.principal.staffId,
        at: now(),
      });
      if (!record) throw new PreconditionFailedError('Someone changed or deleted this view meanwhile: read it again.');
      await audit(ctx, kind.audit.update, record.id);
      return versioned(kind, record, viewerOf(ctx));
    },

    async remove(ctx, ref, ifMatch) {
      const current = await findEditable(deps.repository, kind, ctx, ref, ifMatch);
      if (!(await deps.repository.remove(current.id, current.version))) {
        throw new PreconditionFailedError('Someone changed or deleted this view meanwhile: read it again.');
      }
      await audit(ctx, kind.audit.delete, current.id);
      return viewOf(kind, current, viewerOf(ctx));
    },

    async filtersOf(ctx, ref) {
      const record = await findView(deps.repository, kind.scope, ctx, ref);
      const filters = kind.filters.safeParse(record.filters);
      if (!filters.success) {
        throw new ConflictError(
          `The saved view "${record.name}" holds filters this version no longer understands: save it again.`,
        );
      }
      return { id: record.id, name: record.name, filters: filters.data };
    },
  };
}

/** The stuck scan's views: saved, changed and deleted by administrators; any administrator who sees one changes it. */
const STUCK_VIEWS: SavedViewKind<SavedViewFilters> = {
  scope: 'stuck',
  filters: SavedViewFilters,
  audit: {
    objectType: 'saved-view',
    create: 'admin.view.create',
    update: 'admin.view.update',
    delete: 'admin.view.delete',
  },
  requireCreator: (ctx) => requireAdministrator(ctx, 'save views'),
  // An administrator who sees a view may change it (canEdit): its owner, or one it is shared with.
  requireEditor: (ctx) => requireAdministrator(ctx, 'change saved views'),
  canEdit,
  notEditable: 'Only administrators change saved views: ask one to do it, or to share a view with you.',
};

export function createSavedViewsService(deps: SavedViewsServiceDeps): SavedViewsService {
  return createViewsService(deps, STUCK_VIEWS);
}
