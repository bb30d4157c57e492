import type {
  CasePlan,
  CaseWrite,
  ClockSpec,
  ClockState,
  DisputeState,
  DisputeWorkflowInput,
  HumanActionKind,
  LevelVisit,
  OpenAction,
  RouteStep,
  WorkflowTimelineDetails,
  WorkflowTimelineEventType,
} from '@gongzhi/contracts/dispute';
import type { StaffRole } from '@gongzhi/contracts';
import type { AgencyReads } from './activities';

/** A task the case opens: its kind, the agency and roles that may take it, whom it names, its due date and why. */
export interface OpenActionSpec {
  kind: HumanActionKind;
  agencyId: string;
  roles: StaffRole[];
  assigneeStaffId?: string | null;
  dueAt: string | null;
  rule: string | null;
  reason?: string | null;
}

/**
 * What the action handlers, clocks, levels and repairs need of the case they change: its state and the steps every
 * transition is made of. DisputeCase implements it; the handlers see only this, so the case's modules do not import
 * the class that imports them.
 */
export interface CaseSteps {
  readonly state: DisputeState;
  readonly input: DisputeWorkflowInput;
  /** Agencies that joined since the case record was last told, so their staff can see it. */
  newlyInvolved: string[];
  /** What the case showed when last published: the same is not told twice. */
  lastPublished: string;
  readonly plan: CasePlan;
  readonly step: RouteStep;
  readonly visit: LevelVisit | undefined;
  /** agency-service's reads, as this case runs them. */
  agencyReads(): AgencyReads;
  /** Runs an activity until it succeeds, waiting with the problem in the case's state while it cannot. */
  effect<T>(activity: string, call: () => Promise<T>, blockedRetryMaxMs?: number): Promise<T>;
  /** A case-service write of the running transition. */
  write(write: CaseWrite): Promise<void>;
  /** An administrator's retry-now of the blocked side effect; resolves once that attempt has ended. */
  retryNow(): Promise<void>;
  /** Writes a timeline entry of this type with the details the type carries. */
  timeline<T extends WorkflowTimelineEventType>(
    type: T,
    actor: string,
    details: WorkflowTimelineDetails<T>,
    agencyId?: string | null,
  ): Promise<void>;
  openAction(spec: OpenActionSpec): Promise<OpenAction>;
  closeActions(
    which: (action: OpenAction) => boolean,
    outcome: 'completed' | 'cancelled',
    closedBy: string | null,
  ): Promise<void>;
  /** A clock's deadline from the official calendar, for the office `agencyId` (the case's agency by default). */
  deadline(from: string, clock: ClockSpec, rule: string, agencyId?: string | null): Promise<ClockState>;
  /**
   * Starts reading a deadline before the step that needs it: the next `deadline` call of this transition with the same
   * arguments answers from this read instead of making another.
   */
  deadlineAhead(from: string, clock: ClockSpec, rule: string, agencyId?: string | null): Promise<ClockState>;
  involve(agencyId: string): void;
  leaveLevel(outcome: NonNullable<LevelVisit['outcome']>): void;
}
