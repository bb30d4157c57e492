import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type {
  AdminCaseRecord,
  AdminEventRecord,
  AdminTaskRecord,
  AwaitedTaskRule,
  OpenTaskRecord,
} from './stuck-scan.model';

/** The reads of the admin scan; every list is bounded by the caller. */
export interface AdminRepository {
  /** Open tasks matching any of the rules, earliest due first. */
  awaitedTasks(filter: {
    rules: readonly AwaitedTaskRule[];
    townCode?: string;
    agencyId?: string;
    level?: string;
    limit: number;
  }): Promise<OpenTaskRecord[]>;
  /** The cases among those given that have an open task of this kind. */
  casesWithOpenTask(kind: string, caseIds: readonly string[]): Promise<string[]>;
  /** Every open task of the given cases. */
  openTasksOfCases(caseIds: readonly string[]): Promise<OpenTaskRecord[]>;
  /** Cases closed or merged since the instant given, whose workflow should have finished too. */
  finishedCases(filter: { since: Date; townCode?: string; limit: number }): Promise<AdminCaseRecord[]>;
  /**
   * Cases whose workflow should have moved and did not: open past their next deadline, open with no progress ever
   * reported, or opening for longer than the resume sweep takes. What stalls them (a failing activity or workflow task,
   * a workflow gone) only describe tells; these are the scan's own candidates besides the health sweep's.
   */
  stalledCases(filter: { before: Date; townCode?: string; limit: number }): Promise<AdminCaseRecord[]>;
  /** The cases of the workflows given. */
  casesOfWorkflows(workflowIds: readonly string[]): Promise<AdminCaseRecord[]>;
  /**
   * Open cases whose open tasks and the action their workflow last said it awaits disagree: a task of another kind or
   * level, or an awaited action without a task of its kind (the `tasks_disagree` flag triggers keep on the case row).
   */
  disagreeingCases(filter: { townCode?: string; limit: number }): Promise<AdminCaseRecord[]>;
  caseById(id: string): Promise<AdminCaseRecord | null>;
  openTasksOf(caseId: string): Promise<AdminTaskRecord[]>;
  lastEventsOf(caseId: string, count: number): Promise<AdminEventRecord[]>;
}

const CASE_FIELDS = {
  id: true,
  workflowId: true,
  townCode: true,
  status: true,
  currentLevel: true,
  currentAgencyId: true,
  openedAt: true,
  updatedAt: true,
  progressSeq: true,
  awaitedAction: true,
  nextDeadline: true,
} as const;

const TASK_FIELDS = {
  id: true,
  caseId: true,
  workflowId: true,
  townCode: true,
  actionId: true,
  kind: true,
  level: true,
  agencyId: true,
  assigneeStaffId: true,
  openedAt: true,
  dueAt: true,
  reason: true,
} as const;

export function createAdminRepository(prisma: PrismaClient): AdminRepository {
  return {
    awaitedTasks(filter) {
      if (filter.rules.length === 0) return Promise.resolve([]);
      return prisma.task.findMany({
        where: {
          status: 'open',
          OR: filter.rules.flatMap((rule): Prisma.TaskWhereInput[] =>
            rule.from === 'due'
              ? [
                  { kind: rule.kind, dueAt: { lt: rule.before } },
                  { kind: rule.kind, dueAt: null, openedAt: { lt: rule.before } },
                ]
              : [{ kind: rule.kind, openedAt: { lt: rule.before } }],
          ),
          ...(filter.townCode ? { townCode: filter.townCode } : {}),
          ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
          ...(filter.level ? { level: filter.level } : {}),
        },
        orderBy: [{ dueAt: 'asc' }, { openedAt: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        select: TASK_FIELDS,
      });
    },

    async casesWithOpenTask(kind, caseIds) {
      if (caseIds.length === 0) return [];
      const rows = await prisma.task.findMany({
        where: { status: 'open', kind, caseId: { in: [...caseIds] } },
        distinct: ['caseId'],
        select: { caseId: true },
      });
      return rows.map((row) => row.caseId);
    },

    openTasksOfCases(caseIds) {
      if (caseIds.length === 0) return Promise.resolve([]);
      // By case, not by workflow id: (case_id, action_id) is indexed, the workflow id is not.
      return prisma.task.findMany({
        where: { status: 'open', caseId: { in: [...caseIds] } },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
        select: TASK_FIELDS,
      });
    },

    finishedCases(filter) {
      return prisma.case.findMany({
        where: {
          status: { in: ['closed', 'merged'] },
          updatedAt: { gte: filter.since },
          ...(filter.townCode ? { townCode: filter.townCode } : {}),
        },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        take: filter.limit,
        select: CASE_FIELDS,
      });
    },

    stalledCases(filter) {
      return prisma.case.findMany({
        where: {
          OR: [
            { status: 'open', nextDeadline: { lt: filter.before } },
            { status: 'open', progressSeq: 0, openedAt: { lt: filter.before } },
            { status: 'opening', openedAt: { lt: filter.before } },
          ],
          ...(filter.townCode ? { townCode: filter.townCode } : {}),
        },
        orderBy: [{ nextDeadline: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        select: CASE_FIELDS,
      });
    },

    casesOfWorkflows(workflowIds) {
      if (workflowIds.length === 0) return Promise.resolve([]);
      return prisma.case.findMany({ where: { workflowId: { in: [...workflowIds] } }, select: CASE_FIELDS });
    },

    disagreeingCases(filter) {
      // The flag is the database's own (see the tasks_disagree migration); its partial index holds only flagged cases.
      return prisma.case.findMany({
        where: { tasksDisagree: true, ...(filter.townCode ? { townCode: filter.townCode } : {}) },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        select: CASE_FIELDS,
      });
    },

    caseById(id) {
      return prisma.case.findUnique({ where: { id }, select: CASE_FIELDS });
    },

    openTasksOf(caseId) {
      return prisma.task.findMany({
        where: { caseId, status: 'open' },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          actionId: true,
          kind: true,
          agencyId: true,
          assigneeStaffId: true,
          openedAt: true,
          dueAt: true,
        },
      });
    },

    async lastEventsOf(caseId, count) {
      const rows = await prisma.caseEvent.findMany({
        where: { caseId },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: count,
        select: { type: true, actor: true, agencyId: true, at: true },
      });
      return rows.reverse();
    },
  };
}
