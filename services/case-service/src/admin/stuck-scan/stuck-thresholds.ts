/**
 * When an awaited human action counts as stuck, per kind of action: so many working days after the task's
 * due date, or after it opened. The working days are agency-service's official calendar (holidays and make-up
 * working weekends), asked over HTTP; case-service never computes them itself.
 */
import { HUMAN_ACTION_KINDS, type HumanActionKind, type StuckKind } from '@gongzhi/contracts';

export interface StuckThreshold {
  /** Counted from the task's due date (from its opening when it has none), or from its opening whatever its due date. */
  from: 'due' | 'opened';
  workingDays: number;
}

export type StuckThresholds = Readonly<Record<HumanActionKind, StuckThreshold>>;

const due = (workingDays = 0): StuckThreshold => ({ from: 'due', workingDays });

/**
 * The defaults: a task is stuck once its own legal or policy clock ran out (the workflow has already reminded and
 * urged by then), except where the clock leaves no room to act or is the wrong measure:
 * - a coordinator's decision (decide-escalation) is stuck two working days after it was asked for, however it came
 *   to be asked (its due date follows the same two days unless someone extends it);
 * - a follow-up visit gets two working days of grace past its date: a late visit delays no party.
 */
export const DEFAULT_STUCK_THRESHOLDS: StuckThresholds = {
  'accept-transfer': due(),
  'handle-rejection': due(),
  'urge-acceptance': due(),
  mediate: due(),
  'approve-extension': due(),
  'decide-escalation': { from: 'opened', workingDays: 2 },
  'joint-sign-off': due(),
  'follow-up-visit': due(2),
  'judicial-confirmation': due(),
};

/** Working days any threshold may count: beyond a quarter, "stuck" says nothing an administrator can act on. */
const MAX_WORKING_DAYS = 60;
const SPEC = /^(?:due(?:\+(\d{1,2}))?|(\d{1,2}))$/;

/**
 * Reads `kind=due,kind=due+N,kind=N` (N working days after the due date, or after the task opened) over the
 * defaults. Throws an Error that says what is wrong and what would be right.
 */
export function parseStuckThresholds(text: string): StuckThresholds {
  const thresholds: Record<HumanActionKind, StuckThreshold> = { ...DEFAULT_STUCK_THRESHOLDS };
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [kind, spec = ''] = entry.split('=').map((part) => part.trim());
    if (!(HUMAN_ACTION_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new Error(`"${kind}" is not an action kind: use one of ${HUMAN_ACTION_KINDS.join(', ')}`);
    }
    const match = SPEC.exec(spec);
    const days = Number(match?.[1] ?? match?.[2] ?? 0);
    if (!match || days > MAX_WORKING_DAYS) {
      throw new Error(
        `"${entry}": write ${kind}=due (its due date), ${kind}=due+N (N working days after it) or ${kind}=N ` +
          `(N working days after the task opened), N at most ${MAX_WORKING_DAYS}`,
      );
    }
    thresholds[kind as HumanActionKind] =
      match[2] !== undefined ? { from: 'opened', workingDays: days } : { from: 'due', workingDays: days };
  }
  return thresholds;
}

/** The stuck kind an awaited action is reported under (see STUCK_KINDS for why tasks are split three ways). */
export function stuckKindOfTask(kind: string): StuckKind {
  if (kind === 'accept-transfer') return 'overdue-acceptance';
  if (kind === 'decide-escalation') return 'undecided-level';
  return 'overdue-task';
}

/** The stuck kinds that come from tasks. */
export const TASK_STUCK_KINDS: readonly StuckKind[] = ['overdue-acceptance', 'undecided-level', 'overdue-task'];

/**
 * Tasks that stop being news while the coordinators hold the level's decision: a mediate task past its clock (the
 * clock running out is what asked for the decision) and joint sign-offs due with it. The case waits on the decision,
 * which has its own threshold.
 */
export const SUPERSEDED_BY_DECISION: ReadonlySet<string> = new Set(['mediate', 'joint-sign-off']);
