/**
 * The coordinators' 督办 list (issue 16): every transfer still waiting for acceptance past its acceptance deadline, most
 * late first, with its urgings. The list is the open accept-transfer tasks past due (one indexed read), then per case
 * on the page its timeline and tasks (the urgings), the working days late (agency-service's calendar) and, for a
 * transfer whose next urging the workflow has not asked for yet, when it will (the workflow's state).
 */
import {
  type DisputeState,
  Instant,
  type OverdueTransfer,
  type OverdueTransferFilters,
  type Principal,
} from '@gongzhi/contracts';
import { ForbiddenError } from '@gongzhi/errors';
import { decodeCursor, encodeCursor, type Page, type PageQuery } from '@gongzhi/http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { mapBounded } from '../admin/map-bounded';
import type { WorkingDayCalendar } from '../admin/working-day-calendar';
import type { WorkflowInspector } from '@gongzhi/dispute-client';
import type { CasesRepository } from '../cases/cases.repository';
import type { CallContext } from '../kernel/call-context';
import type { CasesService } from '../cases/cases.service';
import type { TaskRecord, TaskScope } from '../tasks/tasks.model';
import type { TasksRepository } from '../tasks/tasks.repository';
import { workingDaysLate } from './lateness';
import { urgingsOf } from './urgings';

export interface OverdueTransfersServiceDeps {
  tasks: Pick<TasksRepository, 'list' | 'listForCase'>;
  cases: Pick<CasesRepository, 'findByIds' | 'timeline'>;
  casesService: Pick<CasesService, 'auditList'>;
  /** agency-service's official calendar (the administrators' cached one): without it, no working days are counted. */
  calendar?: WorkingDayCalendar;
  /** The workflows' state, for when a transfer's next urging is due: without it, that is not said. */
  inspector?: Pick<WorkflowInspector, 'state'>;
  logger: Logger;
  now?: () => Date;
}

export interface OverdueTransfersService {
  /** A page of the transfers past their acceptance deadline that the caller coordinates, most late first. */
  list(ctx: CallContext, query: OverdueTransferFilters & PageQuery): Promise<Page<OverdueTransfer>>;
}

/** The last transfer of a page: the next one is due later, or at the same instant with a greater id. */
const OverdueCursor = z.object({ dueAt: Instant, id: z.string().uuid() }).strict();

/**
 * Coordinators see their own town's transfers, administrators every town's or the one they name; nobody else urges.
 * A coordinator naming another town is refused rather than quietly shown their own.
 */
export function overdueTransfersScope(
  principal: Principal,
  town: string | undefined,
): TaskScope & { kind: 'all' | 'town' } {
  if (principal.roles.includes('administrator'))
    return town === undefined ? { kind: 'all' } : { kind: 'town', townCode: town };
  if (principal.roles.includes('coordinator')) {
    if (town !== undefined && town !== principal.townCode) {
      throw new ForbiddenError(
        `Coordinators urge the transfers of their own town (${principal.townCode}): leave out \`town\`, or name yours.`,
      );
    }
    return { kind: 'town', townCode: principal.townCode };
  }
  throw new ForbiddenError(
    'The overdue transfers are for the coordinators of the town’s governance centre and for administrators.',
  );
}

/**
 * When the workflow opens the next urge-acceptance task: one working day after the last urging (`urgeAgainAt`), or at
 * the acceptance deadline while its timer has not fired yet. Null when the workflow did not answer or waits for none.
 */
export function nextUrgingOf(state: DisputeState | null): string | null {
  const acceptance = state?.phase === 'transfer' ? state.clocks.acceptance : null;
  if (!acceptance) return null;
  return acceptance.urgeAgainAt ?? (acceptance.expiredAt ? null : acceptance.dueAt);
}

export function createOverdueTransfersService(deps: OverdueTransfersServiceDeps): OverdueTransfersService {
  const now = deps.now ?? (() => new Date());

  /** Working days late per transfer; nulls when the calendar is not configured or does not answer (the list stays). */
  async function lateness(ctx: CallContext, tasks: readonly TaskRecord[], at: Date): Promise<(number | null)[]> {
    const nothing = tasks.map(() => null);
    if (!deps.calendar || tasks.length === 0) return nothing;
    try {
      return await workingDaysLate(
        deps.calendar,
        tasks.map((task) => task.dueAt ?? at),
        at,
        { authorization: ctx.authorization, requestId: ctx.requestId },
      );
    } catch (error) {
      deps.logger.warn({ err: error }, 'working-day calendar did not answer: overdue transfers listed without it');
      return nothing;
    }
  }

  /** The transfer's urgings, and when the next is due if none is open. */
  async function urging(task: TaskRecord) {
    const [timeline, tasks] = await Promise.all([
      deps.cases.timeline(task.caseId),
      deps.tasks.listForCase(task.caseId),
    ]);
    const urgings = urgingsOf(task, timeline, tasks);
    const nextUrgeAt =
      urgings.openTaskId === null && deps.inspector ? nextUrgingOf(await deps.inspector.state(task.workflowId)) : null;
    return { ...urgings, nextUrgeAt };
  }

  return {
    async list(ctx, query) {
      const scope = overdueTransfersScope(ctx.principal, query.town);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, OverdueCursor);
      const at = now();
      // Due soonest is most late first: every task listed is past due.
      const rows = await deps.tasks.list(
        scope,
        { status: 'open', kind: 'accept-transfer', overdue: true },
        { sort: 'due', asOf: at, limit: query.limit + 1, ...(after ? { after } : {}) },
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > page.length && last?.dueAt
          ? encodeCursor({ dueAt: last.dueAt.toISOString(), id: last.id })
          : null;
      // Every transfer is checked against the town of its case, not only the task's copy of it.
      const records = new Map(
        (await deps.cases.findByIds([...new Set(page.map((task) => task.caseId))])).map((record) => [
          record.id,
          record,
        ]),
      );
      const town = scope.kind === 'town' ? scope.townCode : null;
      const listed = page.filter((task) => {
        const record = records.get(task.caseId);
        const inScope =
          !!record && !!task.dueAt && (town === null || (record.townCode === town && task.townCode === town));
        if (!inScope)
          deps.logger.warn({ taskId: task.id, caseId: task.caseId }, 'overdue transfer outside its scope: left out');
        return inScope;
      });
      const [late, urgings] = await Promise.all([lateness(ctx, listed, at), mapBounded(listed, urging)]);
      const items = listed.map((task, i): OverdueTransfer => {
        const record = records.get(task.caseId);
        const dueAt = task.dueAt ?? at;
        const urged = urgings[i];
        return {
          caseId: task.caseId,
          townCode: record?.townCode ?? task.townCode,
          task: { id: task.id, agencyId: task.agencyId, level: task.level, dueAt: dueAt.toISOString() },
          // The task keeps the case's dispute type and village in step with corrections of the case.
          disputeType: task.disputeType,
          villageCode: task.villageCode,
          lateMs: Math.max(0, at.getTime() - dueAt.getTime()),
          lateWorkingDays: late[i] ?? null,
          urgeCount: urged?.count ?? 0,
          lastUrgedAt: urged?.lastUrgedAt ?? null,
          urgeTaskId: urged?.openTaskId ?? null,
          nextUrgeAt: urged?.nextUrgeAt ?? null,
        };
      });
      await deps.casesService.auditList(
        ctx,
        'case.overdue-transfers.read',
        'case',
        items.map((item) => item.caseId),
      );
      return { items, nextCursor };
    },
  };
}
