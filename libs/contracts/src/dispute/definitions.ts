/**
 * The dispute-case workflow's public surface, imported by the workflow and by every caller (case-service,
 * worker, tests) so names and payload types can never drift apart.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgencyKind, StaffRole } from '../identity';
import type {
  ClockSpec,
  DisputeType,
  JointDeclineRule,
  LadderLevel,
  RiskFlag,
  SignOffDeclineReason,
} from './vocabulary';
import type { DisputeAction, DisputeActionKind } from './actions';

/** Task queue served by the dispute worker. */
export const DISPUTE_TASK_QUEUE = 'gongzhi-dispute';

/** Workflow type name, for callers that start it by name rather than by function reference. */
export const DISPUTE_WORKFLOW_TYPE = 'disputeCaseWorkflow';

/** One workflow per case: the id is derived from the case id, so a repeated start can never open a second run. */
export function makeDisputeWorkflowId(caseId: string): string {
  return `dispute-case-${caseId}`;
}

/** What the workflow needs to start. Ids and codes only: no personal data ever enters a workflow history. */
export interface DisputeWorkflowInput {
  caseId: string;
  townCode: string;
  villageCode: string | null;
  disputeType: DisputeType;
  /** Intake's risk assessment, as flags: they can route the case straight to the police. */
  risks: RiskFlag[];
  /** The agency that took the report: the village's mediation committee when it is one. */
  intakeAgencyId: string | null;
  /** Continue-as-new once the history holds this many events (default {@link DEFAULT_HISTORY_EVENT_LIMIT}). */
  historyEventLimit?: number;
  /** Set only by the workflow itself when it continues as new: the state to carry on from. */
  carriedState?: DisputeState;
}

/** Continue-as-new well before Temporal's 10,000-event warning, at a point where no human input is in flight. */
export const DEFAULT_HISTORY_EVENT_LIMIT = 2_000;

// ---------------------------------------------------------------------------------------------------------------
// The plan a case follows, fixed when it starts (from the town's policy version of that day)

/** One rung the case will visit: which agency, on which clocks, under which rule. */
export interface RouteStep {
  level: LadderLevel;
  agencyId: string;
  agencyKind: AgencyKind;
  mediationClock: ClockSpec;
  /** The longer clock a coordinator may grant, if the rule allows one. */
  extension: ClockSpec | null;
  /** First mediation session due within this clock of acceptance, if the rule sets one. */
  firstSessionWithin: ClockSpec | null;
  rule: string;
  /**
   * What happens to an agreement when a joint agency declines to sign it off: the others' sign-offs make it final
   * without that agency, or the level returns to mediation. Absent in plans made before the rule existed, which
   * means {@link DEFAULT_JOINT_DECLINE}.
   */
  onJointDecline?: JointDeclineRule;
  /**
   * Set when the planner could not tell which agency takes the level (a village without a mediation committee, or a
   * report that names no village and came in through no committee): `agencyId` is then the coordinators' agency, and
   * the case waits for them to name the receiving agency instead of going to some other village's committee.
   */
  unrouted?: UnroutedReason;
}

export const UNROUTED_REASONS = ['village-without-committee', 'no-village-given'] as const;
export type UnroutedReason = (typeof UNROUTED_REASONS)[number];

/** Everything the workflow needs from the policy, resolved to agencies of the town. */
export interface CasePlan {
  policyVersion: number;
  route: RouteStep[];
  /** Ids of the routing rules that shaped the route, for the timeline. */
  routingRulesApplied: string[];
  /**
   * Routing rules whose `startAt` was not taken because it would hand the case straight back to the agency that
   * transferred it in (absent when none).
   */
  notBackToSender?: string[];
  /** The town's comprehensive-governance centre: its coordinators approve, urge and decide. */
  coordinatorAgencyId: string;
  acceptance: { clock: ClockSpec; remindAtFraction: number; rule: string };
  followUp: { visitAfter: ClockSpec; confirmationWarningDays: number; rule: string };
  /** Risk flags escalate at once when a clock runs out (no approval), if the policy says so. */
  urgentRiskEscalatesAtOnce: boolean;
  urgentRiskRule: string;
  /** When the town's offices close (working-day deadlines end then); absent: at 24:00. */
  officeClosing?: OfficeClosing;
}

/** Office closing times (HH:MM, Asia/Shanghai): the town's, and agencies' own. */
export interface OfficeClosing {
  closesAt?: string | undefined;
  agencies?: { agencyId: string; closesAt: string }[] | undefined;
}

/** The closing time of an agency's office under the plan, or undefined for 24:00. */
export function closingTimeOf(plan: CasePlan, agencyId: string | null): string | undefined {
  const closing = plan.officeClosing;
  if (!closing) return undefined;
  return closing.agencies?.find((agency) => agency.agencyId === agencyId)?.closesAt ?? closing.closesAt;
}

// ---------------------------------------------------------------------------------------------------------------
// State

/** Where the case stands within its current level, or after the ladder. */
export const DISPUTE_PHASES = [
  'planning', // reading the town's policy and resolving agencies
  'transfer', // waiting for the receiving agency to accept
  'transfer-rejected', // bounced back: the sender re-routes or closes
  'mediation', // the responsible mediator works the case
  'awaiting-decision', // a coordinator decides: escalate, extend or close
  'agreement-sign-off', // an agreement is recorded; joint agencies still have to sign off
  'follow-up', // agreement in effect: performance, the follow-up visit, judicial confirmation
  'closed',
] as const;
export type DisputePhase = (typeof DISPUTE_PHASES)[number];

/** The kinds of human action the workflow waits for; each open one is a task in case-service. */
export const HUMAN_ACTION_KINDS = [
  'accept-transfer', // 受理: the receiving agency's liaison accepts or rejects
  'handle-rejection', // the sender re-routes or closes a bounced transfer
  'urge-acceptance', // 督办: the coordinator urges an agency that let the acceptance clock run out
  'mediate', // the responsible mediator works the case
  'approve-extension', // a coordinator approves or refuses a mediator's request for more time
  'decide-escalation', // a coordinator escalates, extends or closes (clock out, failure, refusal, early request)
  'joint-sign-off', // a joint-mediation agency signs the agreement off
  'follow-up-visit', // 回访: visit the parties, record whether the agreement is performed
  'judicial-confirmation', // record the court's decision on an application for judicial confirmation
] as const;
export type HumanActionKind = (typeof HUMAN_ACTION_KINDS)[number];

/** A human action the workflow is waiting for. case-service shows it as a task with the same id. */
export interface OpenAction {
  /** Unique within the case and stable across continue-as-new: the task's natural key. */
  actionId: string;
  kind: HumanActionKind;
  level: LadderLevel | null;
  /** Agency whose staff may do it, and the roles they need. */
  agencyId: string;
  roles: StaffRole[];
  /** A named person, when the action belongs to one (the responsible mediator). */
  assigneeStaffId: string | null;
  openedAt: string;
  dueAt: string | null;
  /** The rule behind the due date, in the words a mediator knows. */
  rule: string | null;
  /** Why the action exists (e.g. `clock-expired`, `failure`, `refusal`, `early-request` for a decision). */
  reason: string | null;
}

/** A running legal clock. */
export interface ClockState {
  startedAt: string;
  dueAt: string;
  clock: ClockSpec;
  rule: string;
  /** `provisional` when the deadline used a year the State Council has not published yet. */
  basis: 'official' | 'provisional' | 'calendar-days';
  /** When a half-time reminder went out, if one did. */
  remindedAt?: string;
  /** When the clock ran out, if it did. */
  expiredAt?: string;
  /** Acceptance only: when the coordinators urge again if the agency still has not answered (督办 repeats). */
  urgeAgainAt?: string;
}

/** What happened at one level the case visited. */
export interface LevelVisit {
  level: LadderLevel;
  agencyId: string;
  enteredAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  responsibleStaffId: string | null;
  jointAgencyIds: string[];
  sessions: number;
  /** A party refused mediation at this level (人民调解法 art. 17): it may be escalated or closed, never extended. */
  mediationRefused: boolean;
  extensionsGranted: number;
  leftAt: string | null;
  outcome:
    | 'rejected'
    | 'escalated'
    | 'agreement'
    | 'closed'
    | 'referred-to-litigation'
    | 'withdrawn'
    | 'merged'
    | 'rerouted'
    | null;
}

/** How a case ended. */
export const CASE_OUTCOMES = [
  'resolved', // agreement reached and performed (or confirmed by the court)
  'referred-to-litigation', // failure at the last level: the court filing is recorded
  'closed-unresolved', // a coordinator closed it without agreement
  'withdrawn', // the applicant withdrew
  'merged', // merged into another case, which carries on
  'terminated', // an administrator ended its workflow (who and why in case-service's repair log)
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** An agreement and its follow-up. */
export interface AgreementState {
  level: LadderLevel;
  agencyId: string;
  recordedAt: string;
  recordedBy: string;
  /** When the agreement takes effect (signed by the parties): the confirmation window runs from here. */
  effectiveAt: string;
  /** Case document holding the 调解协议书, when uploaded. */
  documentId: string | null;
  /** Joint agencies that still have to sign off before the agreement is final. */
  pendingSignOffs: string[];
  /** Joint agencies that declined to sign off, with their reasons (absent before declining existed). */
  declinedSignOffs?: { agencyId: string; reason: SignOffDeclineReason; at: string }[];
  finalAt: string | null;
  followUpVisitDueAt: string | null;
  /** When the follow-up visit task was opened (null until the visit falls due). */
  visitTaskOpenedAt: string | null;
  performance: 'pending' | 'performing' | 'performed' | 'not-performed';
  judicialConfirmation: {
    windowClosesAt: string | null;
    warnedAt: string | null;
    appliedAt: string | null;
    /** When the court accepted (受理) the application; its 15 days to decide run from here. Absent before it was kept. */
    acceptedAt?: string | null;
    decision: 'confirmed' | 'refused' | null;
    decidedAt: string | null;
    /** When the window closed without an application (noted on the timeline). */
    lapsedAt: string | null;
  };
}

/** The full state a caller reads with {@link getDisputeStateQuery}. */
export interface DisputeState {
  caseId: string;
  townCode: string;
  disputeType: DisputeType;
  risks: RiskFlag[];
  /** party-service flag ids already applied (absent before parties' flags reached the workflow). */
  partyRiskFlagIds?: string[];
  policyVersion: number | null;
  plan: CasePlan | null;
  /** Index into `plan.route` of the level the case is at. */
  stepIndex: number;
  level: LadderLevel | null;
  phase: DisputePhase;
  agencyId: string | null;
  responsibleStaffId: string | null;
  /** Agencies working this level together with the lead agency (联合调处). */
  jointAgencyIds: string[];
  openActions: OpenAction[];
  clocks: {
    acceptance: ClockState | null;
    firstSession: ClockState | null;
    mediation: ClockState | null;
  };
  /** Escalation after a police mediation agreement was not performed: back on the penalty track. */
  penaltyTrack: boolean;
  levels: LevelVisit[];
  agreement: AgreementState | null;
  closure: {
    outcome: CaseOutcome;
    closedBy: string;
    closedAt: string;
    /** A reason code: why a coordinator closed, the court's filing reference, the case merged into. */
    detail: string | null;
  } | null;
  /** Other cases merged into this one. */
  mergedCaseIds: string[];
  /** Counters that give every task and timeline event a key that is unique for the case across runs. */
  /** `transition`: transitions committed whole (absent in states from before they were). */
  sequence: { action: number; event: number; progress: number; transition?: number };
  /** How many times the workflow continued as new (each run keeps its history short). */
  runs: number;
  /** True while the workflow is still writing the effects of a change (tasks, timeline, case record). */
  settling: boolean;
  /**
   * Set while a side effect keeps failing in a way retrying cannot fix by itself (a town missing an agency, a
   * service refusing the call): the case waits and retries, backing off up to six hours, until someone fixes the cause.
   */
  blocked: {
    activity: string;
    /** The failure's stable type, e.g. `AgencyMissing`. */
    type: string | null;
    message: string;
    since: string;
    retryAt: string;
  } | null;
}

/** The state a case starts in, before its route is planned. */
export function newDisputeState(
  input: Pick<DisputeWorkflowInput, 'caseId' | 'townCode' | 'disputeType' | 'risks'>,
): DisputeState {
  return {
    caseId: input.caseId,
    townCode: input.townCode,
    disputeType: input.disputeType,
    risks: [...input.risks],
    policyVersion: null,
    plan: null,
    stepIndex: 0,
    level: null,
    phase: 'planning',
    agencyId: null,
    responsibleStaffId: null,
    jointAgencyIds: [],
    openActions: [],
    clocks: { acceptance: null, firstSession: null, mediation: null },
    penaltyTrack: false,
    levels: [],
    agreement: null,
    closure: null,
    mergedCaseIds: [],
    sequence: { action: 0, event: 0, progress: 0 },
    runs: 1,
    settling: true,
    blocked: null,
  };
}

/** Returns the case's current {@link DisputeState}. */
export const getDisputeStateQuery = defineQuery<DisputeState>('getDisputeState');

// ---------------------------------------------------------------------------------------------------------------
// Human input: one Update, validated against the state and the actor

/** Who does an action, as case-service verified them from their token. */
export interface Actor {
  staffId: string;
  agencyId: string;
  roles: StaffRole[];
}

/**
 * The task kind an action completes or works under; null for actions not bound to a task (any involved person, or a
 * coordinator, may take them). Shared by the workflow's validator and case-service, which holds task-bound actions to
 * the task's rules (its holder, who may be named) whichever route they come by.
 */
export const TASK_OF_ACTION: Readonly<Record<DisputeActionKind, HumanActionKind | null>> = {
  'accept-transfer': 'accept-transfer',
  'reject-transfer': 'accept-transfer',
  reroute: 'handle-rejection',
  'close-case': 'handle-rejection',
  'record-urging': 'urge-acceptance',
  'record-session': 'mediate',
  'request-extension': 'mediate',
  'request-escalation': 'mediate',
  'record-refusal': 'mediate',
  'record-agreement': 'mediate',
  'record-failure': 'mediate',
  'decide-extension': 'approve-extension',
  decide: 'decide-escalation',
  'sign-off': 'joint-sign-off',
  'decline-sign-off': 'joint-sign-off',
  'record-follow-up-visit': 'follow-up-visit',
  'record-confirmation-acceptance': 'judicial-confirmation',
  'record-confirmation-decision': 'judicial-confirmation',
  'add-joint-agencies': null,
  'record-confirmation-application': null,
  withdraw: null,
  'raise-risk': null,
};

/** Input of {@link actUpdate}. */
export interface ActInput {
  actor: Actor;
  /** The task (open action) this completes or works under; required for task-bound actions. */
  actionId?: string;
  action: DisputeAction;
}

/**
 * Every human input. The validator rejects an action that is illegal in the current state, names a stale task or
 * comes from an actor without the role (nothing is written to history); an accepted one returns the new state once
 * its tasks and timeline events exist.
 */
export const actUpdate = defineUpdate<DisputeState, [ActInput]>('act');

/** Input of {@link reassignUpdate}. */
export interface ReassignInput {
  actor: Actor;
  /** The open action (task) whose responsible person changes, e.g. the mediate task of a sick colleague. */
  actionId: string;
  toStaffId: string;
}

/**
 * A supervisor (the task agency's liaison, or a coordinator of the town) hands a task that belongs to a named person
 * to a colleague; for the mediate task this changes who is responsible for the case. Returns the new state.
 */
export const reassignUpdate = defineUpdate<DisputeState, [ReassignInput]>('reassign');

/** Input of {@link closeDisputeUpdate}. */
export interface CloseDisputeInput {
  reason: 'merged';
  /** Staff id of the coordinator who merged the case. */
  actorId: string;
  /** The case that carries on; its workflow is told. */
  mergedIntoCaseId?: string;
}

/** Closes the case because it merged into another; rejected when it is already closed. Returns the new state. */
export const closeDisputeUpdate = defineUpdate<DisputeState, [CloseDisputeInput]>('closeDispute');

/**
 * What an administrator can do to a case's workflow when it does not move (issue 6). The reason an administrator
 * gives stays in case-service's repair log: the workflow hears only the repair's id, so no free text reaches the
 * history.
 */
export const WORKFLOW_REPAIR_KINDS = [
  /** A blocked side effect (see `DisputeState.blocked`) is tried again now instead of at its next backoff. */
  'retry-now',
  /** A task goes to another person (any open task, not only a named person's). */
  'reassign-task',
  /** A task is issued again under a new id, e.g. after its row was closed or lost in case-service. */
  'reopen-task',
  /** 督办 again: a fresh urging task for the coordinators, and a reminder to the agency, for an overdue transfer. */
  'resend-urging',
  /** A task's due date, and the clock behind it (acceptance, mediation), moves later. */
  'extend-deadline',
] as const;
export type WorkflowRepairKind = (typeof WORKFLOW_REPAIR_KINDS)[number];

export type WorkflowRepair =
  | { kind: 'retry-now' }
  | { kind: 'reassign-task'; actionId: string; toStaffId: string }
  | { kind: 'reopen-task'; actionId: string }
  | { kind: 'resend-urging' }
  | { kind: 'extend-deadline'; actionId: string; clock: ClockSpec };

/** Input of {@link repairUpdate}. */
export interface RepairInput {
  /** The administrator's staff id (case-service checked the role). */
  actorId: string;
  /** case-service's repair log entry: its id is the link from the timeline to who did it and why. */
  repairId: string;
  repair: WorkflowRepair;
}

/**
 * An administrator's repair, validated like `act`: refused with a stable type when it does not fit the case's state
 * (nothing blocked to retry, a task that is not open, no overdue transfer to urge). Answers with the state after it.
 */
export const repairUpdate = defineUpdate<DisputeState, [RepairInput]>('repair');

/** Input of {@link partyRiskFlaggedUpdate}: a risk flag set on a party of the case in party-service. */
export interface PartyRiskFlaggedInput {
  partyId: string;
  /** party-service's flag id: the same flag told twice is applied once. */
  flagId: string;
  flag: RiskFlag;
  /** The agency whose staff set the flag (the police, usually). */
  agencyId: string;
}

/**
 * case-service tells the workflow of a risk flag set on one of the case's parties (from party-service's events).
 * Applied like a risk raised on the case: the town's policy decides whether it moves. Answers with the state after it.
 */
export const partyRiskFlaggedUpdate = defineUpdate<DisputeState, [PartyRiskFlaggedInput]>('partyRiskFlagged');

/** Fire-and-forget notice to the surviving case that another case merged into it. */
export const caseMergedIntoThisSignal = defineSignal<[{ mergedCaseId: string }]>('caseMergedIntoThis');

/** Stable `type`s of the workflow's rejections, so case-service maps them to HTTP problems. */
export const DISPUTE_REJECTIONS = {
  /** The action is not legal in the case's current state (409). */
  illegalAction: 'IllegalAction',
  /** The named task is no longer open (409). */
  staleTask: 'StaleTask',
  /** The actor lacks the role or agency the action needs (403). */
  notAllowed: 'NotAllowed',
  /** The input itself is wrong (422). */
  invalidInput: 'InvalidInput',
  /** The case is closed (409). */
  closed: 'CaseClosed',
} as const;
