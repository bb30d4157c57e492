/**
 * Joint mediation (联合调处) as the case page shows it: which agencies work the current level with its own, which
 * others may still be asked to join, who may ask them, and — once an agreement is recorded — who has signed it off,
 * who declined and who is still awaited. Read from the case's timeline and tasks; the workflow has the last word.
 */
import type { AgencySchemas, CaseSchemas, CaseView, Task } from '../common/api/client';
import { SIGN_OFF_DECLINE_REASONS, type SignOffDeclineReason } from '../common/api/vocabulary';
import { currentVisit } from './decisions';

type TimelineEvent = Pick<CaseSchemas['TimelineEvent'], 'type' | 'details' | 'at' | 'actor'>;
type Agency = Pick<AgencySchemas['DirectoryAgency'], 'id' | 'name' | 'kind'>;
type Staff = Pick<AgencySchemas['DirectoryStaff'], 'agencyId' | 'roles' | 'active'>;
type SignOffTask = Pick<Task, 'kind' | 'agencyId' | 'status' | 'openedAt' | 'closedAt' | 'closedBy' | 'clock'>;

/** The most agencies that can join one level (the workflow's MAX_JOINT_AGENCIES). */
export const MAX_JOINT_AGENCIES = 10;

/** The roles that sign an agreement off for a joint agency (the workflow's joint-sign-off task). */
const SIGNER_ROLES: readonly string[] = ['mediator', 'liaison'];

const idsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];

/**
 * The agencies working the current level jointly, in the order they joined: those the timeline says joined since the
 * case came to the level, and any with a sign-off task opened since then (in case the timeline lags).
 */
export function jointAgencyIds(timeline: readonly TimelineEvent[], tasks: readonly SignOffTask[]): string[] {
  const visit = currentVisit(timeline);
  const since = visit[0]?.at;
  const joined = visit
    .filter((event) => event.type === 'joint-agencies-added')
    .flatMap((e) => idsIn(e.details['agencyIds']));
  const tasked = tasks
    .filter((task) => task.kind === 'joint-sign-off' && (!since || Date.parse(task.openedAt) >= Date.parse(since)))
    .map((task) => task.agencyId);
  return [...new Set([...joined, ...tasked])];
}

/**
 * Who may ask agencies to join: the town's coordinators (the workflow's `add-joint-agencies` rule; case-service refuses
 * anyone else), while the level is being mediated or decided on.
 */
export function canAddJointAgencies(
  roles: readonly string[] | undefined,
  caseView: { status: CaseView['status']; progress: Pick<CaseView['progress'], 'phase'> },
): boolean {
  if (!roles?.includes('coordinator') || caseView.status !== 'open') return false;
  return caseView.progress.phase === 'mediation' || caseView.progress.phase === 'awaiting-decision';
}

/**
 * The agencies that can still be asked to join: the town's, but neither the level's own nor one already joined, and
 * only those with an active mediator or liaison to sign the agreement off (the workflow refuses any other). When the
 * directory could not list every member of staff, that last check is left to the workflow.
 */
export function addableAgencies<A extends Agency>(
  directory: { agencies: readonly A[]; staff: readonly Staff[]; truncated?: { staff: boolean } },
  levelAgencyId: string | null,
  joined: readonly string[],
): A[] {
  const signers = new Set(
    directory.staff
      .filter((staff) => staff.active && staff.roles.some((role) => SIGNER_ROLES.includes(role)))
      .map((staff) => staff.agencyId),
  );
  const everyoneListed = !directory.truncated?.staff;
  return directory.agencies.filter(
    (agency) =>
      agency.id !== levelAgencyId && !joined.includes(agency.id) && (!everyoneListed || signers.has(agency.id)),
  );
}

/** How many more agencies may join the level. */
export function jointSlotsLeft(joined: readonly string[]): number {
  return Math.max(0, MAX_JOINT_AGENCIES - joined.length);
}

export type SignOffStatus = 'signed' | 'declined' | 'awaited' | 'cancelled';

export interface SignOff {
  agencyId: string;
  status: SignOffStatus;
  /** When it was signed or declined. */
  at: string | null;
  /** Who signed or declined for the agency. */
  by: string | null;
  reason: SignOffDeclineReason | null;
  /** The sign-off task's clock, while awaited. */
  clock: Task['clock'] | null;
}

export interface SignOffs {
  /** When the agreement was recorded. */
  recordedAt: string;
  /** Every agency signed off: the agreement took effect. */
  final: boolean;
  /** An agency declined and the level's rule sent the case back to mediation: the agreement did not take effect. */
  returned: boolean;
  items: SignOff[];
}

/**
 * The sign-offs of the agreement last recorded at the current level, or null when none is. Each agency that had to sign
 * it (the `agreement-recorded` entry lists them) has signed or declined when the timeline says so after the
 * agreement; otherwise its sign-off task tells: open is awaited, completed is signed (its timeline entry not read
 * yet), cancelled — the agreement went back to mediation, or took effect without it — is no longer needed.
 */
export function signOffsOf(
  timeline: readonly TimelineEvent[],
  tasks: readonly SignOffTask[],
  joined: readonly string[],
): SignOffs | null {
  const visit = currentVisit(timeline);
  let recordedIndex = -1;
  visit.forEach((event, index) => {
    if (event.type === 'agreement-recorded') recordedIndex = index;
  });
  const recorded = visit[recordedIndex];
  if (!recorded) return null;
  const after = visit.slice(recordedIndex + 1);
  const returned = after.some(
    (event) => event.type === 'agreement-sign-off-declined' && event.details['consequence'] === 'return-to-mediation',
  );
  const final = after.some((event) => event.type === 'agreement-final');
  const pending = idsIn(recorded.details['pendingSignOffs']);
  // Entries written before the list was kept: the agencies joined at the level.
  const agencies = Array.isArray(recorded.details['pendingSignOffs']) ? pending : [...joined];
  const items = agencies.map((agencyId): SignOff => {
    const signed = after.find((e) => e.type === 'agreement-signed-off' && e.details['signedFor'] === agencyId);
    if (signed) return { agencyId, status: 'signed', at: signed.at, by: signed.actor, reason: null, clock: null };
    const declined = after.find(
      (e) => e.type === 'agreement-sign-off-declined' && e.details['declinedFor'] === agencyId,
    );
    if (declined) {
      const reason = declined.details['reason'];
      return {
        agencyId,
        status: 'declined',
        at: declined.at,
        by: declined.actor,
        reason: (SIGN_OFF_DECLINE_REASONS as readonly unknown[]).includes(reason)
          ? (reason as SignOffDeclineReason)
          : null,
        clock: null,
      };
    }
    const task = tasks
      .filter((candidate) => candidate.kind === 'joint-sign-off' && candidate.agencyId === agencyId)
      .reduce<SignOffTask | undefined>(
        (latest, t) => (!latest || Date.parse(t.openedAt) > Date.parse(latest.openedAt) ? t : latest),
        undefined,
      );
    // After a return to mediation the open tasks are for the next agreement, not this one.
    if (task?.status === 'open' && !returned) {
      return { agencyId, status: 'awaited', at: null, by: null, reason: null, clock: task.clock };
    }
    if (task?.status === 'completed' && task.closedAt && Date.parse(task.closedAt) >= Date.parse(recorded.at)) {
      return { agencyId, status: 'signed', at: task.closedAt, by: task.closedBy, reason: null, clock: null };
    }
    return { agencyId, status: 'cancelled', at: null, by: null, reason: null, clock: null };
  });
  return { recordedAt: recorded.at, final, returned, items };
}
