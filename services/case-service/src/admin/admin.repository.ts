import type { PrismaClient } from '../generated/prisma/client';

/** An open task past its due date. */
export interface OverdueTaskRecord {
  id: string;
  caseId: string;
  workflowId: string;
  townCode: string;
  kind: string;
  level: string | null;
  agencyId: string;
  assigneeStaffId: string | null;
  openedAt: Date;
  dueAt: Date;
}

/** The facts of a case the scan compares with its workflow. */
export interface AdminCaseRecord {
  id: string;
  workflowId: string;
  townCode: string;
  status: string;
  currentLevel: string | null;
  currentAgencyId: string | null;
  openedAt: Date;
  updatedAt: Date;
}

export interface AdminTaskRecord {
  id: string;
  kind: string;
  agencyId: string;
  assigneeStaffId: string | null;
  openedAt: Date;
  dueAt: Date | null;
}

export interface AdminEventRecord {
  type: string;
  actor: string;
  agencyId: string | null;
  at: Date;
}

/** The reads of the admin scan; every list is bounded by the caller. */
export interface AdminRepository {
  overdueTasks(filter: {
    dueBefore: Date;
    townCode?: string;
    agencyId?: string;
    level?: string;
    limit: number;
  }): Promise<OverdueTaskRecord[]>;
  /** Cases the workflow should be running for: open, or opening for longer than the resume sweep takes. */
  openCases(filter: { openingBefore: Date; townCode?: string; limit: number }): Promise<AdminCaseRecord[]>;
  /** Cases closed or merged since the instant given, whose workflow should have finished too. */
  finishedCases(filter: { since: Date; townCode?: string; limit: number }): Promise<AdminCaseRecord[]>;
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
} as const;

export function createAdminRepository(prisma: PrismaClient): AdminRepository {
  return {
    async overdueTasks(filter) {
      const rows = await prisma.task.findMany({
        where: {
          status: 'open',
          dueAt: { lt: filter.dueBefore },
          ...(filter.townCode ? { townCode: filter.townCode } : {}),
          ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
          ...(filter.level ? { level: filter.level } : {}),
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        select: {
          id: true,
          caseId: true,
          workflowId: true,
          townCode: true,
          kind: true,
          level: true,
          agencyId: true,
          assigneeStaffId: true,
          openedAt: true,
          dueAt: true,
        },
      });
      // dueAt is set by the where clause; the filter narrows the type.
      return rows.flatMap((row) => (row.dueAt ? [{ ...row, dueAt: row.dueAt }] : []));
    },

    openCases(filter) {
      return prisma.case.findMany({
        where: {
          OR: [{ status: 'open' }, { status: 'opening', openedAt: { lt: filter.openingBefore } }],
          ...(filter.townCode ? { townCode: filter.townCode } : {}),
        },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
        take: filter.limit,
        select: CASE_FIELDS,
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

    caseById(id) {
      return prisma.case.findUnique({ where: { id }, select: CASE_FIELDS });
    },

    openTasksOf(caseId) {
      return prisma.task.findMany({
        where: { caseId, status: 'open' },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, agencyId: true, assigneeStaffId: true, openedAt: true, dueAt: true },
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
