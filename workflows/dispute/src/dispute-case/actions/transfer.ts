/**
 * A transfer to a level: its acceptance or refusal, what the sender does with a refusal, and the coordinators' urging.
 */
import { patched } from '@temporalio/workflow';
import type { CaseSteps } from '../case-steps';
import { URGE_AGAIN_PATCH, PARALLEL_ACCEPTANCE_PATCH } from '../patches';
import { URGE_AGAIN_CLOCK, DECISION_CLOCK, nowIso } from '../rules';
import type { ActionCheck, ActionHandlers, ActionStep } from './action-step';
import { type Rejection, reject } from '../rejections';
import { type ClockSpec, type ClockState, DISPUTE_REJECTIONS, type DisputeState } from '@gongzhi/contracts/dispute';
import { closeCase, enterLevel } from '../levels';
import { openMediation, senderAgency } from '../decision-steps';

/** The clocks an acceptance starts, from the moment it is taken: the same reads whether ahead of the checks or not. */
function acceptanceDeadlines(
  c: CaseSteps,
  acceptedAt: string,
  when: 'ahead' | 'now',
): Promise<[ClockState, ClockState | null]> {
  const step = c.step;
  const read = (clock: ClockSpec): Promise<ClockState> =>
    when === 'ahead' ? c.deadlineAhead(acceptedAt, clock, step.rule) : c.deadline(acceptedAt, clock, step.rule);
  return Promise.all([read(step.mediationClock), step.firstSessionWithin ? read(step.firstSessionWithin) : null]);
}

/** `accept-transfer`'s reads ahead: its deadlines, while the responsible mediator is checked. */
async function readAcceptanceAhead(c: CaseSteps, act: Pick<ActionStep<'accept-transfer'>, 'at'>): Promise<void> {
  await acceptanceDeadlines(c, act.at, 'ahead');
}

/** Accepting a transfer, its side effects in two rounds (see PARALLEL_ACCEPTANCE_PATCH). */
async function acceptTransferInParallel(
  c: CaseSteps,
  responsibleStaffId: string,
  who: string,
  completeTask: () => Promise<void>,
  acceptedAt: string,
): Promise<void> {
  const s = c.state;
  s.phase = 'mediation';
  s.responsibleStaffId = responsibleStaffId;
  const visit = c.visit;
  if (visit) {
    visit.acceptedAt = acceptedAt;
    visit.acceptedBy = who;
    visit.responsibleStaffId = responsibleStaffId;
  }
  const step = c.step;
  const [, , [mediation, firstSession]] = await Promise.all([
    completeTask(),
    c.closeActions((a) => a.kind === 'urge-acceptance', 'cancelled', null),
    acceptanceDeadlines(c, acceptedAt, 'now'),
  ]);
  s.clocks.mediation = mediation;
  s.clocks.firstSession = firstSession;
  await Promise.all([
    c.timeline('transfer-accepted', who, {
      level: step.level,
      responsibleStaffId,
      mediateBy: mediation.dueAt,
      firstSessionBy: firstSession?.dueAt ?? null,
      onTime: Date.parse(acceptedAt) <= Date.parse(s.clocks.acceptance?.dueAt ?? acceptedAt),
      acceptBy: s.clocks.acceptance?.dueAt ?? null,
    }),
    openMediation(c, responsibleStaffId, mediation.dueAt),
  ]);
}

/** `accept-transfer`: The receiving agency takes the case: mediation starts, with its clocks and the responsible mediator's task. */
async function acceptTransfer(c: CaseSteps, act: ActionStep<'accept-transfer'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  if (patched(PARALLEL_ACCEPTANCE_PATCH)) {
    // The acceptance is the click: its time is taken before any side effect.
    await acceptTransferInParallel(c, action.responsibleStaffId, who, completeTask, act.at);
    return;
  }
  await completeTask();
  await c.closeActions((a) => a.kind === 'urge-acceptance', 'cancelled', null);
  const acceptedAt = nowIso();
  s.phase = 'mediation';
  s.responsibleStaffId = action.responsibleStaffId;
  const visit = c.visit;
  if (visit) {
    visit.acceptedAt = acceptedAt;
    visit.acceptedBy = who;
    visit.responsibleStaffId = action.responsibleStaffId;
  }
  const step = c.step;
  s.clocks.mediation = await c.deadline(acceptedAt, step.mediationClock, step.rule);
  s.clocks.firstSession = step.firstSessionWithin
    ? await c.deadline(acceptedAt, step.firstSessionWithin, step.rule)
    : null;
  await c.timeline('transfer-accepted', who, {
    level: step.level,
    responsibleStaffId: action.responsibleStaffId,
    mediateBy: s.clocks.mediation.dueAt,
    firstSessionBy: s.clocks.firstSession?.dueAt ?? null,
    onTime: Date.now() <= Date.parse(s.clocks.acceptance?.dueAt ?? acceptedAt),
    acceptBy: s.clocks.acceptance?.dueAt ?? null,
  });
  await openMediation(c, action.responsibleStaffId, s.clocks.mediation.dueAt);
}

/** `reject-transfer`: The receiving agency refuses the case: it goes back to the sender, who decides where it goes next. */
async function rejectTransfer(c: CaseSteps, act: ActionStep<'reject-transfer'>): Promise<void> {
  const { action, who, completeTask } = act;
  const s = c.state;
  await completeTask();
  await c.closeActions((a) => a.kind === 'urge-acceptance', 'cancelled', null);
  c.leaveLevel('rejected');
  s.phase = 'transfer-rejected';
  const sender = senderAgency(c);
  await c.timeline('transfer-rejected', who, {
    level: s.level,
    reason: action.reason,
    backToAgencyId: sender,
    acceptBy: s.clocks.acceptance?.dueAt ?? null,
  });
  await c.openAction({
    kind: 'handle-rejection',
    agencyId: sender,
    roles: ['mediator', 'liaison', 'coordinator'],
    dueAt: (await c.deadline(nowIso(), DECISION_CLOCK, c.plan.acceptance.rule, sender)).dueAt,
    rule: c.plan.acceptance.rule,
    reason: action.reason,
  });
}

/** `reroute`: After a refusal, the sender sends the case to a level of its route (and, where the route names none, an agency). */
async function reroute(c: CaseSteps, act: ActionStep<'reroute'>): Promise<void> {
  const { action, who, actorAgencyId, completeTask } = act;
  const s = c.state;
  await completeTask();
  const index = c.plan.route.findIndex((step) => step.level === action.toLevel);
  await c.timeline('rerouted', who, {
    fromLevel: s.level,
    toLevel: action.toLevel,
    toAgencyId: action.agencyId ?? null,
  });
  await enterLevel(c, index, { agencyId: actorAgencyId, reason: 'rerouted' }, action.agencyId);
}

/** `close-case`: After a refusal, the sender closes the case unresolved. */
async function closeCaseAction(c: CaseSteps, act: ActionStep<'close-case'>): Promise<void> {
  const { action, who, completeTask } = act;
  await completeTask();
  c.leaveLevel('closed');
  await closeCase(c, 'closed-unresolved', who, action.reason);
}

/** `record-urging`: The coordinators urged the receiving agency (督办); they urge again a working day later if it still has not answered. */
async function recordUrging(c: CaseSteps, act: ActionStep<'record-urging'>): Promise<void> {
  const { who, completeTask } = act;
  const s = c.state;
  await completeTask();
  await c.timeline('transfer-urged', who, { level: s.level, agencyId: s.agencyId });
  // Added after cases were already running: histories without the marker replay the old behaviour.
  const acceptance = s.clocks.acceptance;
  if (patched(URGE_AGAIN_PATCH) && acceptance) {
    acceptance.urgeAgainAt = (
      await c.deadline(nowIso(), URGE_AGAIN_CLOCK, c.plan.acceptance.rule, c.plan.coordinatorAgencyId)
    ).dueAt;
  }
}

/** What the case's state says of `reroute`, beyond who may do its task. */
function checkReroute(state: DisputeState, check: ActionCheck<'reroute'>): Rejection | null {
  const { action, plan } = check;
  const target = plan.route.find((s) => s.level === action.toLevel);
  if (!target) {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      `This case's route does not visit ${action.toLevel}: choose one of ${plan.route.map((s) => s.level).join(', ')}.`,
    );
  }
  if (target.unrouted && action.agencyId === undefined) {
    return reject(
      DISPUTE_REJECTIONS.invalidInput,
      target.unrouted === 'village-without-committee'
        ? `The village has no ${target.agencyKind} of its own: name the agency that takes ${action.toLevel}.`
        : `The report names no village: name the agency that takes ${action.toLevel}.`,
    );
  }
  return null;
}

export const transferActions: ActionHandlers<
  'accept-transfer' | 'reject-transfer' | 'reroute' | 'close-case' | 'record-urging'
> = {
  'accept-transfer': { apply: acceptTransfer, readAhead: readAcceptanceAhead },
  'reject-transfer': { apply: rejectTransfer },
  reroute: { check: checkReroute, apply: reroute },
  'close-case': { apply: closeCaseAction },
  'record-urging': { apply: recordUrging },
};
