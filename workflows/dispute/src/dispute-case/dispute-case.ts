/**
 * The case's progress through the ladder: every transition the workflow makes, from a human action or a clock, and
 * the side effects that go with it (tasks, timeline, case record). Runs inside the workflow: deterministic, and
 * touching the world only through the activity proxies.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  patched,
  TemporalFailure,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  type ActInput,
  applyCaseWrite,
  type CaseWrite,
  type CasePlan,
  type ClockSpec,
  type ComputeDeadlineInput,
  type ClockState,
  type DisputeAction,
  type DisputeState,
  type DisputeWorkflowInput,
  closingTimeOf,
  MAX_TRANSITION_WRITES,
  type LevelVisit,
  type OpenAction,
  type RouteStep,
  type WorkflowTimelineDetails,
  type WorkflowTimelineEntry,
  type WorkflowTimelineEventType,
  CaseSearchAttributes,
  makeDisputeWorkflowId,
} from '@gongzhi/contracts/dispute';
import type { Rejection } from './action-rules';
import { checkNamed, type Named } from './named';
import { type AgencyReads, agencyReadsNow, caseWrites, commitsNow } from './activities';
import { applyAction, readAheadOf } from './actions';
import { publishProgress } from './publish';
import type { CaseSteps, OpenActionSpec } from './case-steps';
import { NAMED_CHECK_PATCH, PERIOD_END_PATCH, ONE_COMMIT_PATCH, READ_AHEAD_PATCH } from './patches';
import { BLOCKED_RETRY_FIRST_MS, BLOCKED_RETRY_MAX_MS, iso, nowIso } from './rules';

export * from './patches';
export type { DueTimer } from './clocks';

/**
 * One case inside its workflow: the state and the steps every transition is made of (timeline entries, tasks opened
 * and closed, deadlines, levels entered and left). What each human action does is in actions/, one file per phase;
 * those handlers use the steps here, which is why they are not private. Nothing outside the workflow holds one.
 */
export class DisputeCase implements CaseSteps {
  private readonly workflowId: string;
  /** Agencies that joined since the case record was last told, so their staff can see it. */
  newlyInvolved: string[] = [];
  /** What the case showed when last published (level, phase, agency, awaited action…): the same is not told twice. */
  lastPublished = '';
  /** Retry-now requests received, and the last one a blocked side effect's attempt has answered. */
  private retryRequests = 0;
  private retriesAnswered = 0;
  /** The case-service writes of the transition running now, in order, while it gathers them (ONE_COMMIT_PATCH). */
  private gathered: CaseWrite[] | null = null;
  /** Deadlines read ahead in the running transition (READ_AHEAD_PATCH), by their arguments, each answered once. */
  private readonly deadlinesAhead = new Map<string, Promise<ClockState>[]>();

  constructor(
    readonly state: DisputeState,
    readonly input: DisputeWorkflowInput,
  ) {
    this.workflowId = makeDisputeWorkflowId(state.caseId);
  }

  get plan(): CasePlan {
    if (!this.state.plan) throw new Error('the case has no plan yet');
    return this.state.plan;
  }

  get step(): RouteStep {
    const step = this.plan.route[this.state.stepIndex];
    if (!step) throw new Error(`no route step ${this.state.stepIndex}`);
    return step;
  }

  get visit(): LevelVisit | undefined {
    return this.state.levels.at(-1);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Effects

  /** agency-service's reads, as this case runs them (a method, so the upgrade test's older code can run them too). */
  agencyReads(): AgencyReads {
    return agencyReadsNow();
  }

  /**
   * Runs an activity until it succeeds. The proxies retry transient failures themselves; a non-retryable one (a
   * town missing an agency, a contract mismatch after a bad deploy) would fail the whole case, so instead the case
   * waits — backing off from a minute to six hours — with the problem in its state for administrators to see and fix.
   */
  async effect<T>(activity: string, call: () => Promise<T>, blockedRetryMaxMs = BLOCKED_RETRY_MAX_MS): Promise<T> {
    let wait = BLOCKED_RETRY_FIRST_MS;
    /** The administrators' retry requests the attempt about to run answers. */
    let answering = this.retryRequests;
    for (;;) {
      try {
        const result = await call();
        if (this.state.blocked?.activity === activity) this.state.blocked = null;
        // Through: a retry asked for during this attempt is answered too, there is nothing left to retry.
        this.retriesAnswered = this.retryRequests;
        return result;
      } catch (error) {
        // An activity's failure; a local activity's arrives as its cause itself (`call` runs nothing but activities).
        if (!(error instanceof TemporalFailure)) throw error;
        const cause = error instanceof ActivityFailure ? error.cause : error;
        this.state.blocked = {
          activity,
          type: cause instanceof ApplicationFailure ? (cause.type ?? null) : null,
          message: cause?.message ?? error.message,
          since: this.state.blocked?.activity === activity ? this.state.blocked.since : nowIso(),
          retryAt: iso(Date.now() + wait),
        };
        this.retriesAnswered = answering;
        upsertSearchAttributes([{ key: CaseSearchAttributes.awaitedAction, value: `blocked:${activity}` }]);
        // The same timer as a plain sleep (histories of blocked cases replay unchanged); an administrator's
        // retry-now repair ends the wait early — at once when it was asked for during the attempt that just failed.
        await condition(() => this.retryRequests > answering, wait);
        answering = this.retryRequests;
        wait = Math.min(wait * 2, blockedRetryMaxMs);
      }
    }
  }

  /**
   * One transition: `step` (the start, a command or a timer) and the case record brought up to date after it. Its
   * case-service writes are committed together at the end, under the next transition key; before ONE_COMMIT_PATCH,
   * each as it was made.
   */
  async transition(step: () => Promise<void>): Promise<void> {
    if (!patched(ONE_COMMIT_PATCH)) {
      await step();
      await publishProgress(this);
      return;
    }
    const writes: CaseWrite[] = [];
    this.gathered = writes;
    try {
      await step();
      await publishProgress(this);
    } finally {
      this.gathered = null;
      // A read ahead that no step took (the action was refused) is not kept for the next transition.
      this.deadlinesAhead.clear();
    }
    if (writes.length === 0) return;
    const s = this.state;
    s.sequence.transition = (s.sequence.transition ?? 0) + 1;
    const transitionKey = `${s.caseId}:tr:${s.sequence.transition}`;
    // One commit; a rare transition with more writes than one request carries goes in parts, in order.
    const { commits, blockedRetryMaxMs } = commitsNow();
    for (let part = 0; part * MAX_TRANSITION_WRITES < writes.length; part += 1) {
      const chunk = writes.slice(part * MAX_TRANSITION_WRITES, (part + 1) * MAX_TRANSITION_WRITES);
      const key = part === 0 ? transitionKey : `${transitionKey}.${part}`;
      await this.effect(
        'commitTransition',
        () =>
          commits.commitTransition({
            caseId: s.caseId,
            workflowId: this.workflowId,
            transitionKey: key,
            writes: chunk,
          }),
        blockedRetryMaxMs,
      );
    }
  }

  /** A case-service write: gathered into the running transition's commit, or (older histories) an activity of its own. */
  async write(write: CaseWrite): Promise<void> {
    if (this.gathered) {
      this.gathered.push(write);
      return;
    }
    return this.effect(write.kind, () => applyCaseWrite(caseWrites, write));
  }

  /**
   * An administrator's retry-now: the blocked side effect is tried again at once. Resolves once that attempt has
   * ended, whichever way (the state then says whether the case is still blocked).
   */
  async retryNow(): Promise<void> {
    const ticket = ++this.retryRequests;
    await condition(() => this.retriesAnswered >= ticket);
  }

  /** Writes a timeline entry of this type with the details the type carries (`WORKFLOW_TIMELINE_DETAILS`). */
  async timeline<T extends WorkflowTimelineEventType>(
    type: T,
    actor: string,
    details: WorkflowTimelineDetails<T>,
    agencyId: string | null = this.state.agencyId,
  ): Promise<void> {
    this.state.sequence.event += 1;
    // The pair is one member of the union because `details` is typed by `type`; TypeScript cannot see that.
    const entry = { type, details } as WorkflowTimelineEntry;
    await this.write({
      kind: 'recordTimeline',
      input: {
        caseId: this.state.caseId,
        eventKey: `${this.state.caseId}:wf:${this.state.sequence.event}`,
        actor,
        agencyId,
        at: nowIso(),
        ...entry,
      },
    });
  }

  async openAction(spec: OpenActionSpec): Promise<OpenAction> {
    this.state.sequence.action += 1;
    const action: OpenAction = {
      actionId: `${this.state.sequence.action}-${spec.kind}`,
      kind: spec.kind,
      level: this.state.level,
      agencyId: spec.agencyId,
      roles: spec.roles,
      assigneeStaffId: spec.assigneeStaffId ?? null,
      openedAt: nowIso(),
      dueAt: spec.dueAt,
      rule: spec.rule,
      reason: spec.reason ?? null,
    };
    this.state.openActions.push(action);
    await this.write({ kind: 'openTask', input: { caseId: this.state.caseId, workflowId: this.workflowId, action } });
    return action;
  }

  async closeActions(
    which: (action: OpenAction) => boolean,
    outcome: 'completed' | 'cancelled',
    closedBy: string | null,
  ): Promise<void> {
    const closing = this.state.openActions.filter(which);
    this.state.openActions = this.state.openActions.filter((action) => !which(action));
    for (const action of closing) {
      await this.write({
        kind: 'closeTask',
        input: { caseId: this.state.caseId, actionId: action.actionId, outcome, closedBy, closedAt: nowIso() },
      });
    }
  }

  /**
   * A clock's deadline from the official calendar. `agencyId` is the office the deadline is for: a working-day
   * deadline ends when it closes, if the town's policy says when (otherwise at 24:00, like every period).
   */
  async deadline(
    from: string,
    clock: ClockSpec,
    rule: string,
    agencyId: string | null = this.state.agencyId,
  ): Promise<ClockState> {
    return (
      this.deadlinesAhead.get(readAheadKey(from, clock, rule, agencyId))?.shift() ??
      this.readDeadline(from, clock, rule, agencyId)
    );
  }

  private async readDeadline(
    from: string,
    clock: ClockSpec,
    rule: string,
    agencyId: string | null,
  ): Promise<ClockState> {
    const closesAt = clock.unit === 'working-days' ? closingTimeOf(this.plan, agencyId) : undefined;
    const input: ComputeDeadlineInput = patched(PERIOD_END_PATCH)
      ? { from, clock, ends: 'end-of-day', ...(closesAt ? { closesAt } : {}) }
      : { from, clock };
    const { dueAt, basis } = await this.effect('computeDeadline', () => this.agencyReads().computeDeadline(input));
    return { startedAt: from, dueAt, clock, rule, basis };
  }

  deadlineAhead(
    from: string,
    clock: ClockSpec,
    rule: string,
    agencyId: string | null = this.state.agencyId,
  ): Promise<ClockState> {
    const read = this.readDeadline(from, clock, rule, agencyId);
    const key = readAheadKey(from, clock, rule, agencyId);
    this.deadlinesAhead.set(key, [...(this.deadlinesAhead.get(key) ?? []), read]);
    return read;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Planning and levels

  involve(agencyId: string): void {
    if (!this.newlyInvolved.includes(agencyId)) this.newlyInvolved.push(agencyId);
  }

  leaveLevel(outcome: NonNullable<LevelVisit['outcome']>): void {
    const visit = this.visit;
    if (visit && !visit.leftAt) {
      visit.leftAt = nowIso();
      visit.outcome = outcome;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Human actions (already validated)

  /**
   * Why the person or agencies an input names cannot be taken, or null. case-service checks them at the edge too, but
   * the workflow is what makes someone responsible for a case or sends it to an agency, so it does not take an id on
   * trust: a mediator of another committee would hold a task on a case they cannot open, a made-up id would leave
   * the case waiting on nobody. Not in the validator, which cannot call agency-service: a refusal here comes after
   * the Update was accepted, and changes nothing but the reads it made.
   */
  async refusalOfNamed(named: Named | null): Promise<Rejection | null> {
    if (!named || !patched(NAMED_CHECK_PATCH)) return null;
    const person = named.staff;
    const staff = person
      ? await this.effect('readStaff', () => this.agencyReads().readStaff({ staffId: person.staffId }))
      : undefined;
    const agencyIds = named.agencies?.agencyIds ?? [];
    const agencies =
      agencyIds.length > 0
        ? await this.effect('readAgencies', () => this.agencyReads().readAgencies({ agencyIds }))
        : [];
    return checkNamed(this.state, named, { staff, agencies });
  }

  /**
   * Starts the agency-service reads applying this action will make that do not depend on whom it names, so they run
   * while that is checked; resolves once they are done. Undefined when the action has none, or the history is from
   * before READ_AHEAD_PATCH.
   */
  readAhead(action: DisputeAction, at: string): Promise<void> | undefined {
    const reads = readAheadOf(action);
    return reads && patched(READ_AHEAD_PATCH) ? reads(this, { action, at }) : undefined;
  }

  /** Applies an accepted action; `at` is when it was taken (by default now, in the workflow's clock). */
  async apply(input: ActInput, at: string = nowIso()): Promise<void> {
    const { actor, action } = input;
    const who = actor.staffId;
    const task = input.actionId ? this.state.openActions.find((a) => a.actionId === input.actionId) : undefined;
    const completeTask = (): Promise<void> =>
      task ? this.closeActions((a) => a.actionId === task.actionId, 'completed', who) : Promise.resolve();
    await applyAction(this, { action, who, actorAgencyId: actor.agencyId, task, completeTask, at });
  }
}

/** What tells two deadline reads apart: their arguments. */
function readAheadKey(from: string, clock: ClockSpec, rule: string, agencyId: string | null): string {
  return JSON.stringify([from, clock, rule, agencyId]);
}
