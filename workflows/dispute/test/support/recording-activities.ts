/**
 * In-memory activities for the workflow's time-skipping tests: they record the tasks, timeline and case progress the
 * workflow writes, keyed the way case-service keys them, so a test can check what people would see — and count
 * calls, to prove a retried or replayed write never doubles anything. The real activities are tested against the
 * real services in workflows/worker and the end-to-end suite.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  applyCaseWrite,
  type CaseProgressInput,
  type ClockSpec,
  type Deadline,
  DISPUTE_ACTIVITY_FAILURES,
  MissingAgencyError,
  type DisputeActivities,
  type OpenAction,
  planRoute,
  type StaffFacts,
  type TimelineEventInput,
} from '@gongzhi/contracts/dispute';
import { RecordTimelineRequest } from '@gongzhi/contracts';
import { AGENCIES, OTHER_TOWN, POLICY, STAFF, TOWN } from './town';

export interface RecordedTask extends OpenAction {
  caseId: string;
  status: 'open' | 'completed' | 'cancelled';
  closedBy: string | null;
  remindedAt: string | null;
}

const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Weekends only: the official calendar (holidays, make-up days) is agency-service's, tested there. */
function addWorkingDays(from: number, days: number): number {
  let at = from;
  let left = days;
  while (left > 0) {
    at += DAY;
    const weekday = new Date(at + SHANGHAI_OFFSET).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}

const isWeekend = (at: number) => [0, 6].includes(new Date(at + SHANGHAI_OFFSET).getUTCDay());

/**
 * agency-service's period end on a weekends-only calendar: 24:00 Shanghai of the last day, moved off a weekend; a
 * working-day period at the office's closing time when one is given.
 */
function periodEnd(from: number, clock: ClockSpec, closesAt?: string): Deadline {
  let at = clock.unit === 'calendar-days' ? from + clock.amount * DAY : addWorkingDays(from, clock.amount);
  while (isWeekend(at)) at += DAY;
  const localMidnight = Math.floor((at + SHANGHAI_OFFSET) / DAY) * DAY;
  const lastDay = new Date(localMidnight).toISOString().slice(0, 10);
  const [hours = 0, minutes = 0] = (closesAt ?? '').split(':').map(Number);
  const endOfDay = clock.unit === 'working-days' && closesAt ? (hours * 60 + minutes) * 60_000 : DAY - 1;
  return { dueAt: new Date(localMidnight - SHANGHAI_OFFSET + endOfDay).toISOString(), basis: 'official', lastDay };
}

/** `${caseId}:wf:${n}` → n. */
function sequenceOf(eventKey: string): number {
  return Number(eventKey.slice(eventKey.lastIndexOf(':') + 1));
}

export function createRecordingActivities() {
  const tasks = new Map<string, RecordedTask>();
  const timeline = new Map<string, TimelineEventInput>();
  const progress = new Map<string, CaseProgressInput>();
  const calls = { openTask: 0, recordTimeline: 0, commitTransition: 0 };
  /**
   * The town's agencies as agency-service would list them (a test may remove one to see a case wait for it), and its
   * policy (a test may change a level's rule; restore it after).
   */
  const town = { agencies: [...AGENCIES], policy: POLICY };
  /** agency-service's staff accounts: the town's staff, active; a test may deactivate or move one. */
  const staff = new Map<string, StaffFacts>(
    Object.values(STAFF).map((actor) => [
      actor.staffId,
      { staffId: actor.staffId, agencyId: actor.agencyId, townCode: TOWN, roles: [...actor.roles], active: true },
    ]),
  );
  /** Agencies of other towns agency-service also knows. */
  const elsewhere = [{ agencyId: OTHER_TOWN.police, kind: 'police-station' as const, townCode: OTHER_TOWN.code }];

  const activities: DisputeActivities = {
    async planCase(input) {
      try {
        return planRoute(input.townCode, town.policy, town.agencies, input);
      } catch (error) {
        // As the real activity does: retrying cannot create the agency.
        if (error instanceof MissingAgencyError) {
          throw ApplicationFailure.nonRetryable(error.message, DISPUTE_ACTIVITY_FAILURES.agencyMissing);
        }
        throw error;
      }
    },
    async readStaff({ staffId }) {
      const member = staff.get(staffId);
      return member ? { ...member, roles: [...member.roles] } : null;
    },
    async readAgencies({ agencyIds }) {
      // As agency-service counts them: active staff who may sign an agreement off (mediators, liaisons).
      const signers = (agencyId: string) =>
        [...staff.values()].filter(
          (member) =>
            member.agencyId === agencyId &&
            member.active &&
            member.roles.some((role) => role === 'mediator' || role === 'liaison'),
        ).length;
      const known = [
        ...town.agencies.map((a) => ({ agencyId: a.id, kind: a.kind, townCode: TOWN, signers: signers(a.id) })),
        ...elsewhere,
      ];
      return known.filter((a) => agencyIds.includes(a.agencyId));
    },
    async computeDeadline({ from, clock, ends, closesAt }) {
      const start = Date.parse(from);
      if (ends === 'end-of-day') return periodEnd(start, clock, closesAt);
      if (clock.unit === 'calendar-days')
        return { dueAt: new Date(start + clock.amount * DAY).toISOString(), basis: 'calendar-days' };
      return { dueAt: new Date(addWorkingDays(start, clock.amount)).toISOString(), basis: 'official' };
    },
    async openTask({ caseId, action }) {
      calls.openTask += 1;
      const key = `${caseId}/${action.actionId}`;
      if (!tasks.has(key)) tasks.set(key, { ...action, caseId, status: 'open', closedBy: null, remindedAt: null });
    },
    async closeTask({ caseId, actionId, outcome, closedBy }) {
      const task = tasks.get(`${caseId}/${actionId}`);
      if (task && task.status === 'open') Object.assign(task, { status: outcome, closedBy });
    },
    async remindTask({ caseId, actionId, remindedAt }) {
      const task = tasks.get(`${caseId}/${actionId}`);
      if (task && !task.remindedAt) task.remindedAt = remindedAt;
    },
    async recordTimeline(event) {
      calls.recordTimeline += 1;
      // As case-service's route does: an entry whose details its type does not carry is refused, for good.
      const { caseId: _caseId, eventKey: _eventKey, ...request } = event;
      const checked = RecordTimelineRequest.safeParse(request);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw ApplicationFailure.nonRetryable(`${event.type}: ${issue?.path.join('.')}: ${issue?.message}`, 'Invalid');
      }
      if (!timeline.has(event.eventKey)) timeline.set(event.eventKey, event);
    },
    async updateCaseProgress(input) {
      const stored = progress.get(input.caseId);
      if (!stored || stored.progressSeq < input.progressSeq) progress.set(input.caseId, input);
    },
    // As case-service does it, in order; there all of them in one database transaction.
    async commitTransition({ writes }) {
      calls.commitTransition += 1;
      for (const write of writes) await applyCaseWrite(activities, write);
    },
  };

  /**
   * The case's timeline in the workflow's order (its event keys' sequence), as case-service shows it: writes the
   * workflow sends side by side may arrive in either order.
   */
  const timelineOf = (caseId: string) =>
    [...timeline.values()]
      .filter((e) => e.caseId === caseId)
      .sort((a, b) => sequenceOf(a.eventKey) - sequenceOf(b.eventKey));

  return {
    activities,
    calls,
    town,
    staff,
    /** The case's tasks in the order they were opened. */
    tasksOf: (caseId: string) => [...tasks.values()].filter((t) => t.caseId === caseId),
    openTasksOf: (caseId: string) => [...tasks.values()].filter((t) => t.caseId === caseId && t.status === 'open'),
    /** The case's timeline, oldest first. */
    timelineOf,
    typesOf: (caseId: string) => timelineOf(caseId).map((e) => e.type),
    progressOf: (caseId: string) => progress.get(caseId),
  };
}

export type RecordingActivities = ReturnType<typeof createRecordingActivities>;
