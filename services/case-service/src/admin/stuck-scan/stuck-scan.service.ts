/**
 * The administrators' stuck scan and describe, and a town's read-only stuck view: who may ask, which saved view
 * applies, and the defaults of the scan; the scan itself is scan.ts, each kind of stuck item a detector of its own.
 */
import { type CaseDiagnosis, type Principal, type StuckReport, StuckFilters } from '@gongzhi/contracts';
import { requireAnyRole } from '@gongzhi/auth';
import type { WorkflowInspector } from '@gongzhi/dispute-client';
import { ForbiddenError, ValidationError } from '@gongzhi/errors';
import { type AuditTrail, zodIssuesToFieldIssues } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../../kernel/call-context';
import { requireAdministrator, requireStaff } from '../../kernel/principals';
import type { SavedViewsService } from '../saved-views/saved-views.service';
import type { WorkingDayCalendar } from '../working-day-calendar';
import type { WorkflowHealthRepository } from '../workflow-health/workflow-health.repository';
import { describeCase, type DescribeCaseDeps } from './describe-case';
import { ADMIN_TRAIL, type ScanDeps, scanStuck, TOWN_TRAIL } from './scan';
import type { AdminRepository } from './stuck-scan.repository';
import { DEFAULT_STUCK_THRESHOLDS, type StuckThresholds } from './stuck-thresholds';

/** What the stuck scan reads, and its settings (each with a default but the thresholds' source). */
export interface AdminServiceDeps {
  repository: AdminRepository;
  inspector: WorkflowInspector;
  /** The health sweep's findings: the running workflows whose activity or workflow task keeps failing. */
  health: Pick<WorkflowHealthRepository, 'troubled' | 'status'>;
  /** agency-service's official calendar: how many working days a task has waited. */
  calendar: WorkingDayCalendar;
  /** When an awaited action counts as stuck, per kind (DEFAULT_STUCK_THRESHOLDS unless configured). */
  thresholds?: StuckThresholds;
  /** The saved views a scan's `view` filter names (the HTTP route resolves them itself; batches come here). */
  views?: Pick<SavedViewsService, 'filtersOf'>;
  audit: AuditTrail;
  logger: Logger;
  now?: () => Date;
  /**
   * A safety cap per source (blocked, troubled, stalled, disagreeing and recently finished cases, recently closed
   * workflows): a source that reaches it makes the report say it is not complete, rather than the scan taking minutes.
   */
  scanLimit?: number;
  /** Closed and merged cases changed within this many days are checked for a workflow still running. */
  finishedWithinDays?: number;
  /**
   * An `opening` case is left to the resume sweep for this long before the scan calls it stuck, and an open case's
   * workflow this long to act on a deadline that passed (or to report its first progress).
   */
  openingGraceMs?: number;
}

/** The administrators' stuck scan and describe, and a town's stuck view. */
export interface AdminService {
  /**
   * The scan. `view` names the saved view whose filters were already applied, for the report; without it, a
   * `filters.view` is resolved here, the other filters given overriding the view's.
   */
  stuck(ctx: CallContext, filters: StuckFilters, view?: { id: string; name: string }): Promise<StuckReport>;
  /**
   * The same scan, read-only, limited to one town: a coordinator's own (see stuckViewTown), with no saved view. The
   * detectors, thresholds and answer are the administrators'.
   */
  townStuck(ctx: CallContext, filters: TownStuckFilters): Promise<StuckReport>;
  /** One case's workflow, tasks and timeline, and why it does not move: administrators only. */
  describe(ctx: CallContext, caseId: string): Promise<CaseDiagnosis>;
}

/** The scan's filters without a saved view: what a town's stuck view takes. */
export type TownStuckFilters = Omit<StuckFilters, 'view'>;

/**
 * The town a stuck view covers. Coordinators see their own town's: naming another is refused (403), not quietly
 * answered with theirs. Administrators name any town, or get their own; everyone else is refused.
 */
export function stuckViewTown(principal: Principal, town: string | undefined): string {
  requireStaff(principal);
  if (principal.roles.includes('administrator')) return town ?? principal.townCode;
  requireAnyRole(principal, ['coordinator'], 'look for their town’s stuck cases');
  if (town !== undefined && town !== principal.townCode) {
    throw new ForbiddenError(
      `Coordinators see the stuck cases of their own town (${principal.townCode}): leave out \`town\`, or name yours.`,
    );
  }
  return principal.townCode;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The saved view's filters under those stated (every field given, `limit` included, overrides the view's). Throws
 * when saved views are not available here.
 */
export async function applySavedView(
  views: Pick<SavedViewsService, 'filtersOf'> | undefined,
  ctx: CallContext,
  stated: StuckFilters & { view: string },
): Promise<{ filters: StuckFilters; view: { id: string; name: string } }> {
  if (!views) throw new ValidationError('Saved views are not available here: state the filters instead.');
  const saved = await views.filtersOf(ctx, stated.view);
  const overrides = Object.fromEntries(
    Object.entries(stated).filter(([name, value]) => name !== 'view' && value !== undefined),
  );
  const merged = StuckFilters.safeParse({ ...saved.filters, ...overrides });
  if (!merged.success) {
    throw new ValidationError(
      'The saved view and the filters given do not combine: see `errors`.',
      zodIssuesToFieldIssues(merged.error.issues),
    );
  }
  return { filters: merged.data, view: { id: saved.id, name: saved.name } };
}

/** The stuck scan's service, with the scan's defaults resolved once. */
export function createAdminService(deps: AdminServiceDeps): AdminService {
  // One set of dependencies for the scan's detectors and describe alike, every default resolved here.
  const resolved: ScanDeps & DescribeCaseDeps = {
    repository: deps.repository,
    inspector: deps.inspector,
    health: deps.health,
    calendar: deps.calendar,
    thresholds: deps.thresholds ?? DEFAULT_STUCK_THRESHOLDS,
    audit: deps.audit,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
    scanLimit: deps.scanLimit ?? 10_000,
    finishedWithinMs: (deps.finishedWithinDays ?? 30) * DAY_MS,
    openingGraceMs: deps.openingGraceMs ?? 10 * 60 * 1000,
  };

  return {
    async stuck(ctx, requested, applied) {
      requireAdministrator(ctx.principal, 'look for stuck cases');
      const { filters, view } =
        !applied && requested.view
          ? await applySavedView(deps.views, ctx, { ...requested, view: requested.view })
          : { filters: requested, view: applied };
      return scanStuck(resolved, ctx, filters, view, ADMIN_TRAIL);
    },

    async townStuck(ctx, requested) {
      const town = stuckViewTown(ctx.principal, requested.town);
      return scanStuck(resolved, ctx, { ...requested, town }, undefined, TOWN_TRAIL);
    },

    async describe(ctx, caseId) {
      requireAdministrator(ctx.principal, 'look for stuck cases');
      return describeCase(resolved, ctx, caseId);
    },
  };
}
