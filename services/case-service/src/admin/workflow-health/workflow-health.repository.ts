import type { PrismaClient } from '../../generated/prisma/client';
import type { SweepStatus, TroubledWorkflowRecord } from './workflow-health.model';

/** The health sweep's tables: its lease and passes per scope, and the troubled workflows it found. */
export interface WorkflowHealthRepository {
  /**
   * Takes (or keeps) the sweep's lease for the scope until `until`: true when `holder` holds it now. One case-service
   * replica sweeps; another takes over when the holder's lease runs out (a crash, a stop).
   */
  lease(scope: string, holder: string, until: Date, at: Date): Promise<boolean>;
  /** Gives the lease up (a clean stop), so another replica need not wait for it to run out. */
  release(scope: string, holder: string): Promise<void>;
  /** The troubled workflows found by one page of a pass, and the healthy ones of the same page forgotten. */
  record(page: {
    troubled: readonly Omit<TroubledWorkflowRecord, 'firstSeenAt'>[];
    healthy: readonly string[];
  }): Promise<void>;
  /** A pass ended: rows it did not check (the workflow finished meanwhile) go, and the pass is on record. */
  finishPass(
    scope: string,
    pass: { startedAt: Date; finishedAt: Date; checked: number; complete: boolean },
  ): Promise<void>;
  /** The troubled workflows, of one town when given, oldest first; at most `limit`. */
  troubled(filter: { townCode?: string; limit: number }): Promise<TroubledWorkflowRecord[]>;
  status(scope: string): Promise<SweepStatus>;
}

export function createWorkflowHealthRepository(prisma: PrismaClient): WorkflowHealthRepository {
  return {
    async lease(scope, holder, until, at) {
      // One statement: insert the row the first time, or take it over when free, ours, or its lease ran out.
      const taken = await prisma.$executeRaw`
        INSERT INTO "workflow_health_sweeps" ("scope", "holder", "lease_until") VALUES (${scope}, ${holder}, ${until})
        ON CONFLICT ("scope") DO UPDATE SET "holder" = EXCLUDED."holder", "lease_until" = EXCLUDED."lease_until"
        WHERE "workflow_health_sweeps"."holder" IS NULL
           OR "workflow_health_sweeps"."holder" = ${holder}
           OR "workflow_health_sweeps"."lease_until" < ${at}`;
      return taken === 1;
    },

    async release(scope, holder) {
      await prisma.workflowHealthSweep.updateMany({
        where: { scope, holder },
        data: { holder: null, leaseUntil: null },
      });
    },

    async record({ troubled, healthy }) {
      await prisma.$transaction([
        ...troubled.map((row) =>
          prisma.workflowHealth.upsert({
            where: { workflowId: row.workflowId },
            create: row,
            update: { caseId: row.caseId, townCode: row.townCode, checkedAt: row.checkedAt },
          }),
        ),
        ...(healthy.length > 0
          ? [prisma.workflowHealth.deleteMany({ where: { workflowId: { in: [...healthy] } } })]
          : []),
      ]);
    },

    async finishPass(scope, pass) {
      await prisma.$transaction([
        // Checked before this pass began and not since: its workflow is no longer running (unless the cap cut the
        // pass short, when it may simply not have been reached).
        ...(pass.complete ? [prisma.workflowHealth.deleteMany({ where: { checkedAt: { lt: pass.startedAt } } })] : []),
        prisma.workflowHealthSweep.update({
          where: { scope },
          data: {
            lastPassStartedAt: pass.startedAt,
            lastPassFinishedAt: pass.finishedAt,
            lastPassChecked: pass.checked,
            lastPassComplete: pass.complete,
          },
        }),
      ]);
    },

    troubled(filter) {
      return prisma.workflowHealth.findMany({
        where: filter.townCode ? { townCode: filter.townCode } : {},
        orderBy: [{ firstSeenAt: 'asc' }, { workflowId: 'asc' }],
        take: filter.limit,
      });
    },

    async status(scope) {
      const row = await prisma.workflowHealthSweep.findUnique({ where: { scope } });
      return {
        lastPassFinishedAt: row?.lastPassFinishedAt ?? null,
        lastPassChecked: row?.lastPassChecked ?? 0,
        lastPassComplete: row?.lastPassComplete ?? false,
      };
    },
  };
}
