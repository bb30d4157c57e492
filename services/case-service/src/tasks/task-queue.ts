/**
 * What staff read of tasks: the task queue's views and their counts, one task, a case's tasks, and the cases they
 * watch. Every read is audited as a read of what it shows.
 */
import { type TaskCounts, type TaskListFilters, type TaskView, type WatchedCase, Instant } from '@gongzhi/contracts';
import { ForbiddenError } from '@gongzhi/errors';
import { decodeCursor, type Page, type PageQuery, toPage } from '@gongzhi/http';
import { z } from 'zod';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { CallContext } from '../kernel/call-context';
import { visibleTask } from './task-access';
import { filtersOf, inboxScope, pageOfTasks, viewScope } from './task-queue-request';
import { caseTaskViews, toTaskView } from './task-view';
import type { TaskFilters, TaskScope } from './tasks.model';
import type { TasksReadModel } from './tasks.read-model';

/** The reads of tasks, as the tasks service offers them. */
export interface TaskQueueService {
  /** The tasks of a case the caller may read (or watches), open ones first. */
  listForCase(ctx: CallContext, caseId: string): Promise<TaskView[]>;
  /** A view of the task queue (or, without one, the caller's queue), filtered, sorted and paged. */
  list(ctx: CallContext, query: TaskListFilters & PageQuery): Promise<Page<TaskView>>;
  /** How many open tasks each view holds for the caller, and how many are overdue. */
  counts(ctx: CallContext): Promise<TaskCounts>;
  /** The cases the caller watches. */
  watching(ctx: CallContext, page: PageQuery): Promise<Page<WatchedCase>>;
  get(ctx: CallContext, id: string): Promise<TaskView>;
}

/** What the reads need: the read model, the cases (to see them), audit, and the clock. */
export interface TaskQueueDeps {
  tasks: TasksReadModel;
  cases: Pick<CasesRepository, 'findById' | 'isWatcher' | 'listWatched'>;
  casesService: Pick<CasesService, 'requireReadable' | 'audit' | 'auditList' | 'summarise'>;
  now: () => Date;
}

const WatchedCursor = z.object({ since: Instant, caseId: z.string().uuid() }).strict();

/** The reads on the read model; each audited as a read of what it shows. */
export function createTaskQueueService(deps: TaskQueueDeps): TaskQueueService {
  const cases = deps.casesService;
  const { now } = deps;

  return {
    async listForCase(ctx, caseId) {
      await cases.requireReadable(ctx, caseId);
      const tasks = await deps.tasks.listForCase(caseId);
      await cases.audit(ctx, 'case.tasks.read', 'case', caseId);
      return caseTaskViews(tasks, now());
    },

    async list(ctx, query) {
      const scope = viewScope(ctx.principal, query.view);
      const { rows, asOf, next } = await pageOfTasks(deps, scope, filtersOf(query), query);
      const at = now();
      const result = toPage(rows, query.limit, (task) => toTaskView(task, at, asOf), next);
      await cases.auditList(
        ctx,
        'task.list',
        'task',
        result.items.map((task) => task.id),
      );
      return result;
    },

    async counts(ctx) {
      const { principal } = ctx;
      const asOf = now();
      const count = (scope: TaskScope, filters: Omit<TaskFilters, 'status'> = {}) =>
        deps.tasks.count(scope, filters, asOf);
      const optional = async (scope: () => TaskScope) => {
        try {
          return await count(scope());
        } catch (error) {
          // A view the caller's role does not have has no badge.
          if (error instanceof ForbiddenError) return null;
          throw error;
        }
      };
      const [available, mine, team, all, watching, inbox] = await Promise.all([
        count(viewScope(principal, 'available')),
        count(viewScope(principal, 'mine')),
        optional(() => viewScope(principal, 'team')),
        optional(() => viewScope(principal, 'all')),
        count(viewScope(principal, 'watching')),
        count(inboxScope(principal), { kind: 'accept-transfer' }),
      ]);
      return { available, mine, team, all, watching, inbox, asOf: asOf.toISOString() };
    },

    async watching(ctx, query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, WatchedCursor);
      const rows = await deps.cases.listWatched(ctx.principal.staffId, query.limit + 1, after);
      const result = toPage(
        rows,
        query.limit,
        (row): WatchedCase => ({ case: cases.summarise(row.record), since: row.since.toISOString(), level: row.level }),
        (row) => ({ since: row.since.toISOString(), caseId: row.record.id }),
      );
      await cases.auditList(
        ctx,
        'case.list',
        'case',
        result.items.map((item) => item.case.id),
      );
      return result;
    },

    async get(ctx, id) {
      const task = await visibleTask(deps, ctx, id, 'read');
      await cases.audit(ctx, 'task.read', 'task', id);
      return toTaskView(task, now());
    },
  };
}
