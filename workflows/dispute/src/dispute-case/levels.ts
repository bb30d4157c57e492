/**
 * The ladder: a case planned and sent to its first level, levels entered (or waiting for the coordinators to route
 * them), escalations, and the case closed.
 */
import { patched } from '@temporalio/workflow';
import type { CaseOutcome, UnroutedReason } from '@gongzhi/contracts/dispute';
import { PARALLEL_LEVEL_ENTRY_PATCH } from './patches';
import { WORKFLOW_ACTOR, DECISION_CLOCK, LITIGATION_RULE, ROUTING_RULE, nowIso } from './rules';
import type { CaseSteps } from './case-steps';

export async function planAndEnter(c: CaseSteps): Promise<void> {
  const plan = await c.effect('planCase', () =>
    c.agencyReads().planCase({
      caseId: c.input.caseId,
      townCode: c.input.townCode,
      villageCode: c.input.villageCode,
      intakeAgencyId: c.input.intakeAgencyId,
      disputeType: c.input.disputeType,
      risks: c.input.risks,
    }),
  );
  c.state.plan = plan;
  c.state.policyVersion = plan.policyVersion;
  // Its sequence number is taken now, so the entry keeps its place whichever write lands first.
  const routePlanned = c.timeline(
    'route-planned',
    WORKFLOW_ACTOR,
    {
      policyVersion: plan.policyVersion,
      route: plan.route.map((step) => step.level),
      routingRules: plan.routingRulesApplied,
    },
    null,
  );
  if (patched(PARALLEL_LEVEL_ENTRY_PATCH)) {
    await Promise.all([routePlanned, enterLevel(c, 0, null)]);
    return;
  }
  await routePlanned;
  await enterLevel(c, 0, null);
}

/** Transfer phase of a level: the receiving agency has its acceptance clock to accept or reject. */
export async function enterLevel(
  c: CaseSteps,
  stepIndex: number,
  from: { agencyId: string; reason: string } | null,
  agencyOverride?: string,
): Promise<void> {
  const s = c.state;
  s.stepIndex = stepIndex;
  if (!agencyOverride && c.step.unrouted) {
    await awaitRouting(c, c.step.unrouted);
    return;
  }
  // A re-route may name another agency of the level (the neighbouring village's committee, say).
  const step = agencyOverride ? { ...c.step, agencyId: agencyOverride } : c.step;
  s.level = step.level;
  s.agencyId = step.agencyId;
  s.phase = 'transfer';
  s.responsibleStaffId = null;
  s.jointAgencyIds = [];
  s.clocks = {
    acceptance: await c.deadline(nowIso(), c.plan.acceptance.clock, c.plan.acceptance.rule),
    firstSession: null,
    mediation: null,
  };
  s.levels.push({
    level: step.level,
    agencyId: step.agencyId,
    enteredAt: nowIso(),
    acceptedAt: null,
    acceptedBy: null,
    responsibleStaffId: null,
    jointAgencyIds: [],
    sessions: 0,
    mediationRefused: false,
    extensionsGranted: 0,
    leftAt: null,
    outcome: null,
  });
  c.involve(step.agencyId);
  const requested = c.timeline('transfer-requested', WORKFLOW_ACTOR, {
    level: step.level,
    toAgencyId: step.agencyId,
    fromAgencyId: from?.agencyId ?? null,
    reason: from?.reason ?? 'intake',
    acceptBy: s.clocks.acceptance?.dueAt ?? null,
    penaltyTrack: s.penaltyTrack,
    previousLevel: s.levels.at(-2)?.level ?? null,
    policyVersion: s.policyVersion,
  });
  const parallel = patched(PARALLEL_LEVEL_ENTRY_PATCH);
  if (!parallel) await requested;
  const opened = c.openAction({
    kind: 'accept-transfer',
    agencyId: step.agencyId,
    // A village committee is a handful of people with no liaison of its own: its mediators accept their cases.
    roles: step.agencyKind === 'mediation-committee' ? ['liaison', 'mediator'] : ['liaison'],
    dueAt: s.clocks.acceptance?.dueAt ?? null,
    rule: c.plan.acceptance.rule,
    reason: from?.reason ?? 'intake',
  });
  await (parallel ? Promise.all([requested, opened]) : opened);
}

/**
 * No agency of the level can be chosen by rule (a village without a mediation committee; a report naming no village
 * that came in through no committee): the coordinators name the receiving agency with a re-route, within the time
 * they have for any decision. Until then no agency holds the case and no acceptance clock runs.
 */
export async function awaitRouting(c: CaseSteps, reason: UnroutedReason): Promise<void> {
  const s = c.state;
  const step = c.step;
  s.level = step.level;
  s.agencyId = null;
  // The phase of a transfer nobody took: the coordinators route it or close the case (not 'planning', which the
  // main loop would plan again after a continue-as-new).
  s.phase = 'transfer-rejected';
  s.responsibleStaffId = null;
  s.jointAgencyIds = [];
  s.clocks = { acceptance: null, firstSession: null, mediation: null };
  await c.timeline(
    'routing-needed',
    WORKFLOW_ACTOR,
    {
      level: step.level,
      agencyKind: step.agencyKind,
      reason,
      villageCode: c.input.villageCode,
      rule: ROUTING_RULE,
    },
    null,
  );
  await c.openAction({
    kind: 'handle-rejection',
    agencyId: c.plan.coordinatorAgencyId,
    roles: ['coordinator'],
    dueAt: (await c.deadline(nowIso(), DECISION_CLOCK, ROUTING_RULE, c.plan.coordinatorAgencyId)).dueAt,
    rule: ROUTING_RULE,
    reason,
  });
}

/** Next level of the route, or the end of the ladder: referred to litigation. */
export async function escalate(c: CaseSteps, actor: string, reason: string, to = c.state.stepIndex + 1): Promise<void> {
  const fromAgency = c.state.agencyId ?? c.plan.coordinatorAgencyId;
  const fromLevel = c.state.level;
  await c.closeActions(() => true, 'cancelled', null);
  const next = to;
  if (next >= c.plan.route.length) {
    c.leaveLevel('referred-to-litigation');
    await closeCase(c, 'referred-to-litigation', actor, null);
    return;
  }
  c.leaveLevel('escalated');
  await c.timeline('escalated', actor, {
    fromLevel,
    toLevel: c.plan.route[next]?.level ?? null,
    reason,
  });
  c.state.penaltyTrack = false;
  await enterLevel(c, next, { agencyId: fromAgency, reason });
}

export async function closeCase(
  c: CaseSteps,
  outcome: CaseOutcome,
  actor: string,
  detail: string | null,
): Promise<void> {
  const s = c.state;
  await c.closeActions(() => true, 'cancelled', null);
  s.phase = 'closed';
  s.closure = { outcome, closedBy: actor, closedAt: nowIso(), detail };
  s.clocks = { acceptance: null, firstSession: null, mediation: null };
  await c.timeline('case-closed', actor, {
    outcome,
    detail,
    level: s.level,
    ...(outcome === 'referred-to-litigation' ? { rule: LITIGATION_RULE } : {}),
  });
}
