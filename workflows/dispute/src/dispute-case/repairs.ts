/**
 * Administrators' repairs and reassignments: a stuck or mis-held task put right, on the record.
 */
import type { OpenAction, ReassignInput, RepairInput, WorkflowTimelineDetails } from '@gongzhi/contracts/dispute';
import { iso, nowIso } from './rules';
import type { CaseSteps } from './case-steps';
import { openUrging } from './decision-steps';

/** The agency that handed the case to its current level: the one below it, or the one that took the report. */
export function handedOnBy(c: CaseSteps): string | null {
  const visits = c.state.levels;
  return visits.length > 1 ? (visits.at(-2)?.agencyId ?? null) : c.input.intakeAgencyId;
}

/** Hands a named person's task to a colleague; for the mediate task, the case's responsible person changes. */
export async function reassignTask(c: CaseSteps, input: ReassignInput): Promise<void> {
  await handOver(c, input.actor.staffId, input.actionId, input.toStaffId, {});
}

export async function handOver(
  c: CaseSteps,
  actorId: string,
  actionId: string,
  toStaffId: string,
  repair: Pick<WorkflowTimelineDetails<'task-reassigned'>, 'repair' | 'repairId'>,
): Promise<void> {
  const s = c.state;
  const task = s.openActions.find((a) => a.actionId === actionId);
  if (!task) return;
  const from = task.assigneeStaffId;
  task.assigneeStaffId = toStaffId;
  if (task.kind === 'mediate') {
    s.responsibleStaffId = toStaffId;
    const visit = c.visit;
    if (visit) visit.responsibleStaffId = toStaffId;
  }
  await c.timeline('task-reassigned', actorId, {
    actionId: task.actionId,
    kind: task.kind,
    fromStaffId: from,
    toStaffId,
    ...repair,
  });
}

export async function repairCase(c: CaseSteps, input: RepairInput): Promise<void> {
  const s = c.state;
  const repair = input.repair;
  const noted = { repair: repair.kind, repairId: input.repairId };
  switch (repair.kind) {
    case 'retry-now':
      await c.retryNow();
      return;
    case 'reassign-task':
      await handOver(c, input.actorId, repair.actionId, repair.toStaffId, noted);
      return;
    case 'reopen-task': {
      const task = s.openActions.find((a) => a.actionId === repair.actionId);
      if (!task) return;
      const reopened = await reissue(c, task, task.dueAt);
      await c.timeline('repaired', input.actorId, { ...noted, actionId: task.actionId, newActionId: reopened });
      return;
    }
    case 'resend-urging': {
      const acceptance = s.clocks.acceptance;
      if (!acceptance) return;
      await c.closeActions((a) => a.kind === 'urge-acceptance', 'cancelled', null);
      const urge = await openUrging(c, 'urged-again-by-administrator');
      const accept = s.openActions.find((a) => a.kind === 'accept-transfer');
      if (accept) {
        const now = nowIso();
        await c.write({
          kind: 'remindTask',
          input: { caseId: s.caseId, actionId: accept.actionId, remindedAt: now },
        });
      }
      await c.timeline('repaired', input.actorId, { ...noted, newActionId: urge.actionId });
      return;
    }
    case 'extend-deadline': {
      const task = s.openActions.find((a) => a.actionId === repair.actionId);
      if (!task) return;
      const from = iso(Math.max(Date.parse(task.dueAt ?? nowIso()), Date.now()));
      const extended = await c.deadline(from, repair.clock, task.rule ?? c.plan.acceptance.rule, task.agencyId);
      let newActionId: string;
      if (task.kind === 'mediate' && s.clocks.mediation) {
        s.clocks.mediation = { ...extended, rule: s.clocks.mediation.rule };
        if (s.phase === 'awaiting-decision') {
          // The clock had run out and the coordinators were asked: more time answers their question.
          s.phase = 'mediation';
          await c.closeActions(
            (a) => a.kind === 'decide-escalation' && a.reason === 'clock-expired',
            'cancelled',
            null,
          );
        }
        newActionId = await reissue(c, task, extended.dueAt);
      } else if (task.kind === 'accept-transfer' && s.clocks.acceptance) {
        const acceptance = s.clocks.acceptance;
        // The acceptance clock runs again: its deadline fires anew, and the urging it caused is moot.
        s.clocks.acceptance = {
          ...acceptance,
          dueAt: extended.dueAt,
          basis: extended.basis,
          ...(acceptance.remindedAt ? { remindedAt: acceptance.remindedAt } : {}),
        };
        delete s.clocks.acceptance.expiredAt;
        delete s.clocks.acceptance.urgeAgainAt;
        await c.closeActions((a) => a.kind === 'urge-acceptance', 'cancelled', null);
        newActionId = await reissue(c, task, extended.dueAt);
      } else {
        newActionId = await reissue(c, task, extended.dueAt);
      }
      await c.timeline('repaired', input.actorId, {
        ...noted,
        actionId: task.actionId,
        newActionId,
        kind: task.kind,
        dueAt: extended.dueAt,
      });
      return;
    }
  }
}

/**
 * The same task again under a new id (its due date changed, or its row was lost): the task list shows a truthful
 * history, and case-service's keys make a repeat of this step harmless.
 */
export async function reissue(c: CaseSteps, task: OpenAction, dueAt: string | null): Promise<string> {
  await c.closeActions((a) => a.actionId === task.actionId, 'cancelled', null);
  const reissued = await c.openAction({
    kind: task.kind,
    agencyId: task.agencyId,
    roles: task.roles,
    assigneeStaffId: task.assigneeStaffId,
    dueAt,
    rule: task.rule,
    reason: task.reason,
  });
  return reissued.actionId;
}
