/**
 * Awaited human actions past their threshold: the `overdue-acceptance`, `undecided-level` and `overdue-task` items
 * (one detector, since the three kinds are one question asked of the tasks, split by the task's kind).
 */
import { HUMAN_ACTION_KINDS, type StuckFilters, type StuckItem, type StuckKind } from '@gongzhi/contracts';
import type { Logger } from 'pino';
import type { CallContext } from '../../../kernel/call-context';
import { mapBounded } from '../../map-bounded';
import type { WorkingDayCalendar } from '../../working-day-calendar';
import { awaitedTaskSentence } from '../diagnosis';
import { stuckItem } from '../stuck-item';
import type { AdminRepository } from '../stuck-scan.repository';
import { type StuckThresholds, stuckKindOfTask, SUPERSEDED_BY_DECISION } from '../stuck-thresholds';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the awaited-task detector reads: the tasks, agency-service's working days, and the thresholds per kind. */
export interface AwaitedTasksDeps {
  repository: Pick<AdminRepository, 'awaitedTasks' | 'casesWithOpenTask'>;
  calendar: WorkingDayCalendar;
  thresholds: StuckThresholds;
  logger: Logger;
  /** A safety cap on the candidates: reaching it makes the scan say it is not complete. */
  scanLimit: number;
}

/** Awaited human actions past their threshold (overdue-acceptance, undecided-level, overdue-task). */
export async function findAwaitedTasks(
  deps: AwaitedTasksDeps,
  ctx: CallContext,
  filters: StuckFilters,
  kinds: ReadonlySet<StuckKind>,
  at: Date,
): Promise<{ items: StuckItem[]; full: boolean; warnings: string[] }> {
  const { thresholds, scanLimit } = deps;
  const taskKinds = HUMAN_ACTION_KINDS.filter((kind) => kinds.has(stuckKindOfTask(kind)));
  // N working days are never fewer than N calendar days: the database narrows to tasks that may be stuck, the
  // calendar then decides.
  const candidates = await deps.repository.awaitedTasks({
    rules: taskKinds.map((kind) => ({
      kind,
      from: thresholds[kind].from,
      before: new Date(at.getTime() - thresholds[kind].workingDays * DAY_MS),
    })),
    ...(filters.town ? { townCode: filters.town } : {}),
    ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
    ...(filters.level ? { level: filters.level } : {}),
    limit: scanLimit,
  });
  const decided = new Set(
    await deps.repository.casesWithOpenTask(
      'decide-escalation',
      candidates.filter((task) => SUPERSEDED_BY_DECISION.has(task.kind)).map((task) => task.caseId),
    ),
  );
  const lookup = { authorization: ctx.authorization, requestId: ctx.requestId };
  let unjudged = 0;
  const judged = await mapBounded(candidates, async (task): Promise<StuckItem[]> => {
    if (SUPERSEDED_BY_DECISION.has(task.kind) && decided.has(task.caseId)) return [];
    // Every candidate's kind is one of the rules' kinds, each a HumanActionKind.
    const threshold = thresholds[task.kind as keyof StuckThresholds];
    const reference = threshold.from === 'due' && task.dueAt ? task.dueAt : task.openedAt;
    let stuckAt = reference;
    try {
      if (threshold.workingDays > 0)
        stuckAt = await deps.calendar.addWorkingDays(reference, threshold.workingDays, lookup);
    } catch (error) {
      unjudged += 1;
      deps.logger.warn({ err: error, taskId: task.id }, 'working-day calendar did not answer');
      return [];
    }
    if (stuckAt.getTime() > at.getTime()) return [];
    return [
      stuckItem(
        {
          kind: stuckKindOfTask(task.kind),
          caseId: task.caseId,
          workflowId: task.workflowId,
          townCode: task.townCode,
          agencyId: task.agencyId,
          level: task.level,
          since: reference.toISOString(),
          subject: task.kind,
          taskId: task.id,
          assigneeStaffId: task.assigneeStaffId,
          diagnosis: awaitedTaskSentence(task, threshold, at),
        },
        at,
      ),
    ];
  });
  const warnings =
    unjudged > 0
      ? [
          `agency-service's working-day calendar did not answer: ${unjudged} task(s) waiting past part of their ` +
            'threshold could not be judged and are not listed; retry the scan in a moment.',
        ]
      : [];
  return { items: judged.flat(), full: candidates.length >= scanLimit, warnings };
}
