/**
 * The dispute workflow's side effects. The worker implements them by calling the services over HTTP; the workflow
 * imports this interface as a type only. Every call carries a key derived from the case and the workflow's own
 * counters (stable across retries and continue-as-new), and the receiving service enforces it: calling twice
 * changes nothing the second time.
 */
import type { AgencyKind, StaffRole } from '../identity';
import type { CaseOutcome, CasePlan, DisputePhase, HumanActionKind, OpenAction } from './definitions';
import type { ClockSpec, DisputeType, LadderLevel, RiskFlag } from './vocabulary';
import type { WorkflowTimelineEntry } from './timeline';

/** Input of {@link DisputeActivities.planCase}. */
export interface PlanCaseInput {
  caseId: string;
  townCode: string;
  villageCode: string | null;
  intakeAgencyId: string | null;
  disputeType: DisputeType;
  risks: RiskFlag[];
}

/** Input of {@link DisputeActivities.computeDeadline}. */
export interface ComputeDeadlineInput {
  /** ISO instant the clock starts from. */
  from: string;
  clock: ClockSpec;
  /**
   * `end-of-day`: the period ends at 24:00 Asia/Shanghai of its last day, a calendar-day period moved off a holiday
   * or rest day (workflows since the periods-end-at-end-of-day patch). Absent: the same time of day as `from` on the
   * last day, unmoved (what earlier histories recorded).
   */
  ends?: 'end-of-day';
  /**
   * With `end-of-day` and a clock in working days: the closing time (HH:MM, Asia/Shanghai) of the office the deadline
   * is for, at which it ends on its last day instead of 24:00 (the town's policy).
   */
  closesAt?: string;
}

/** A deadline, and which calendar produced it. */
export interface Deadline {
  dueAt: string;
  basis: 'official' | 'provisional' | 'calendar-days';
  /** With `ends: 'end-of-day'`: the day the period ends on (YYYY-MM-DD, Asia/Shanghai). */
  lastDay?: string;
}

/** Input of {@link DisputeActivities.readStaff}. */
export interface ReadStaffInput {
  staffId: string;
}

/**
 * A staff account as far as the workflow needs to know it before it names them responsible for a task: ids, role
 * codes and a flag, never a name (the answer is kept in the workflow's history).
 */
export interface StaffFacts {
  staffId: string;
  agencyId: string;
  townCode: string;
  roles: StaffRole[];
  active: boolean;
}

/** Input of {@link DisputeActivities.readAgencies}. */
export interface ReadAgenciesInput {
  agencyIds: string[];
}

/** An agency as far as the workflow needs to know it before it sends a case there: its kind and town. */
export interface AgencyFacts {
  agencyId: string;
  kind: AgencyKind;
  townCode: string;
  /**
   * Active staff who can sign an agreement off for it. Absent in answers recorded before agency-service counted
   * them, which the workflow takes as "unknown" (the check did not exist then).
   */
  signers?: number;
}

/** Input of {@link DisputeActivities.openTask}: the open action, on its case. */
export interface OpenTaskInput {
  caseId: string;
  workflowId: string;
  action: OpenAction;
}

/** Input of {@link DisputeActivities.closeTask}. */
export interface CloseTaskInput {
  caseId: string;
  actionId: string;
  /** completed: a person did it; cancelled: the workflow no longer needs it (the phase moved on). */
  outcome: 'completed' | 'cancelled';
  /** Staff id of whoever completed it. */
  closedBy: string | null;
  closedAt: string;
}

/** Input of {@link DisputeActivities.remindTask}: the half-time reminder on an action that is not done yet. */
export interface RemindTaskInput {
  caseId: string;
  actionId: string;
  remindedAt: string;
}

/**
 * Input of {@link DisputeActivities.recordTimeline}: an entry of one of the workflow's timeline types, with the details
 * that type carries (`timeline.ts`). Ids, codes and instants only: never personal data.
 */
export type TimelineEventInput = {
  caseId: string;
  /** `${caseId}:wf:${n}`: the same key twice is one event. */
  eventKey: string;
  /** Staff id, or `workflow` for what the clocks did. */
  actor: string;
  agencyId: string | null;
  at: string;
} & WorkflowTimelineEntry;

/** Input of {@link DisputeActivities.updateCaseProgress}: the case record follows the workflow. */
export interface CaseProgressInput {
  caseId: string;
  /** Increases with every update: case-service ignores one older than what it already has. */
  progressSeq: number;
  level: LadderLevel | null;
  phase: DisputePhase;
  agencyId: string | null;
  /** Agencies that joined the case at this point: their staff may now see it. */
  involvedAgencyIds: string[];
  /** Set when the case closes. */
  outcome: CaseOutcome | null;
  /** What the workflow waits for next, and until when (for lists that do not query the workflow). */
  awaitedAction: HumanActionKind | null;
  nextDeadline: string | null;
}

/**
 * One case-service write of a transition, in the order the workflow made it: the input of the activity that would
 * make it alone, under that activity's name.
 */
export type CaseWrite =
  | { kind: 'recordTimeline'; input: TimelineEventInput }
  | { kind: 'openTask'; input: OpenTaskInput }
  | { kind: 'closeTask'; input: CloseTaskInput }
  | { kind: 'remindTask'; input: RemindTaskInput }
  | { kind: 'updateCaseProgress'; input: CaseProgressInput };

/** The activities that make one {@link CaseWrite} each, named by its kind. */
export type CaseWriteActivities = Pick<DisputeActivities, CaseWrite['kind']>;

/** A write made alone, by the activity its kind names (the workflow before whole transitions; test doubles). */
export function applyCaseWrite(activities: CaseWriteActivities, write: CaseWrite): Promise<void> {
  switch (write.kind) {
    case 'recordTimeline':
      return activities.recordTimeline(write.input);
    case 'openTask':
      return activities.openTask(write.input);
    case 'closeTask':
      return activities.closeTask(write.input);
    case 'remindTask':
      return activities.remindTask(write.input);
    case 'updateCaseProgress':
      return activities.updateCaseProgress(write.input);
  }
}

/**
 * The most writes one commit carries. A transition rarely has more than eight; one with more (a merge closing many
 * tasks) is committed in parts of this size, in order, so no request outgrows the services' 100 kB body limit.
 */
export const MAX_TRANSITION_WRITES = 20;

/** Input of {@link DisputeActivities.commitTransition}: every write of one transition of one case. */
export interface CommitTransitionInput {
  caseId: string;
  workflowId: string;
  /** Names the transition in logs and the audit trail: `${caseId}:tr:${n}`, increasing with each transition. */
  transitionKey: string;
  writes: CaseWrite[];
}

/** The activities the dispute workflow calls. */
export interface DisputeActivities {
  /** Reads the town's current policy and agencies from agency-service and resolves the case's route. */
  planCase(input: PlanCaseInput): Promise<CasePlan>;
  /** The staff account agency-service knows by this id, or null when it knows none. */
  readStaff(input: ReadStaffInput): Promise<StaffFacts | null>;
  /** The agencies agency-service knows among these ids (any town); ids it does not know are left out. */
  readAgencies(input: ReadAgenciesInput): Promise<AgencyFacts[]>;
  /** A deadline on agency-service's calendar (working days on the official calendar, make-up days included). */
  computeDeadline(input: ComputeDeadlineInput): Promise<Deadline>;
  /** Creates the task for an open action in case-service (idempotent on case and action id). */
  openTask(input: OpenTaskInput): Promise<void>;
  /** Closes a task (idempotent: closing a closed task is a no-op). */
  closeTask(input: CloseTaskInput): Promise<void>;
  /** Marks a task reminded and writes the reminder to the timeline (idempotent). */
  remindTask(input: RemindTaskInput): Promise<void>;
  /** Appends one event to the case's timeline (idempotent on `eventKey`). */
  recordTimeline(input: TimelineEventInput): Promise<void>;
  /** Writes the case's level, phase, agency and status to case-service (stale sequence numbers are ignored). */
  updateCaseProgress(input: CaseProgressInput): Promise<void>;
  /**
   * Every case-service write of one transition (timeline, tasks closed, opened and reminded, progress) in one
   * database transaction with their outbox events, in order; each write keeps its own key, so a retry changes nothing.
   */
  commitTransition(input: CommitTransitionInput): Promise<void>;
}

/** Business failures the activities raise as non-retryable `ApplicationFailure`s with these types. */
export const DISPUTE_ACTIVITY_FAILURES = {
  /** The town has no agency of a kind its policy routes to: the case cannot be planned until one is created. */
  agencyMissing: 'AgencyMissing',
  /** case-service does not know the case (deleted, or the wrong database). */
  caseNotFound: 'CaseNotFound',
} as const;
