/**
 * Risk that appears after intake reaches the process: raised on the case by the people working it, or set on a party
 * in party-service (told by case-service). The case carries it from then on, and the town's policy decides whether
 * it moves — never straight back to the agency that handed it on.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { partyRiskFlaggedUpdate, type PartyRiskFlaggedInput } from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, STAFF } from './support/town';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

const PARTY = '0a7e0000-0000-4000-8000-000000000001';
const flagged = (flagId: string, flag: PartyRiskFlaggedInput['flag']): PartyRiskFlaggedInput => ({
  partyId: PARTY,
  flagId,
  flag,
  agencyId: AGENCY.police,
});

function tellFlag(c: CaseDriver, input: PartyRiskFlaggedInput) {
  return c.handle.executeUpdate(partyRiskFlaggedUpdate, { args: [input] });
}

async function mediatingAtTheVillage(c: CaseDriver) {
  return c.act(
    STAFF.villageLiaison,
    { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
    'accept-transfer',
  );
}

describe('a risk raised during the case', () => {
  it('moves a village mediation to the police at once, as the town’s risk rule says, with the rule on the timeline', async () => {
    const c = await harness.startCase();
    await mediatingAtTheVillage(c);
    const raised = await c.act(STAFF.villageMediator, { kind: 'raise-risk', flags: ['violence-risk'] });
    expect(raised).toMatchObject({ risks: ['violence-risk'], level: 'L2', phase: 'transfer', agencyId: AGENCY.police });
    expect(raised.levels.map((l) => [l.level, l.outcome])).toEqual([
      ['L1', 'escalated'],
      ['L2', null],
    ]);
    // The village's tasks are gone; the police have a transfer to accept.
    expect(harness.recorded.openTasksOf(c.caseId).map((t) => [t.kind, t.agencyId])).toEqual([
      ['accept-transfer', AGENCY.police],
    ]);
    const entry = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'risk-raised');
    expect(entry).toMatchObject({
      actor: STAFF.villageMediator.staffId,
      details: {
        flags: ['violence-risk'],
        source: 'case',
        level: 'L1',
        consequence: 'moves',
        toLevel: 'L2',
        routingRules: ['risk-to-police'],
        rule: 'urgent rule',
      },
    });
    expect(c.types().slice(-3)).toEqual(['risk-raised', 'escalated', 'transfer-requested']);
    await c.keepHistory('risk-raised-moves-to-police');
  });

  it('is raised only by staff working the case or a coordinator, and only with known risks', async () => {
    const c = await harness.startCase();
    await mediatingAtTheVillage(c);
    await expect(c.act(STAFF.courtMediator, { kind: 'raise-risk', flags: ['key-person'] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    await expect(
      c.act(STAFF.villageMediator, { kind: 'raise-risk', flags: ['arson' as 'key-person'] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await c.state()).risks).toEqual([]);
  });

  it('after an agreement, stays where it is: the case carries the risk, nothing moves', async () => {
    const c = await harness.startCase();
    await mediatingAtTheVillage(c);
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    const raised = await c.act(STAFF.villageMediator, { kind: 'raise-risk', flags: ['group-dispute'] });
    expect(raised).toMatchObject({ phase: 'follow-up', level: 'L1', risks: ['group-dispute'] });
    expect(harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'risk-raised')?.details).toMatchObject({
      consequence: 'stays',
      toLevel: null,
    });
  });
});

describe('a risk flag set on a party in party-service', () => {
  it('reaches the case once per flag, and moves it like a risk raised on the case', async () => {
    const c = await harness.startCase();
    await mediatingAtTheVillage(c);
    const moved = await tellFlag(c, flagged('f1a90000-0000-4000-8000-000000000001', 'key-person'));
    expect(moved).toMatchObject({ level: 'L2', agencyId: AGENCY.police, risks: ['key-person'] });
    expect(harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'risk-raised')).toMatchObject({
      actor: 'workflow',
      details: { source: 'party', partyId: PARTY, byAgencyId: AGENCY.police, consequence: 'moves' },
    });
    const entries = harness.recorded.timelineOf(c.caseId).length;
    // Told again (a redelivered event), or another flag of a risk the case already carries: nothing changes.
    await tellFlag(c, flagged('f1a90000-0000-4000-8000-000000000001', 'key-person'));
    await tellFlag(c, flagged('f1a90000-0000-4000-8000-000000000002', 'key-person'));
    expect(harness.recorded.timelineOf(c.caseId)).toHaveLength(entries);
    expect((await c.state()).levels).toHaveLength(2);
    await c.keepHistory('party-risk-flag-moves-case');
  });

  it('does not send a case the police handed to the village straight back to them; its clock then escalates at once', async () => {
    // The police took the report (a boundary quarrel with threats) and handed it to the village: intake by the police.
    const c = await harness.startCase({ risks: ['violence-risk'], intakeAgencyId: AGENCY.police });
    const planned = await c.state();
    expect(planned).toMatchObject({ level: 'L1', agencyId: AGENCY.shangbaCommittee });
    await mediatingAtTheVillage(c);
    // The police flag another person of the case as a key person: the policy would send it to the police — who
    // handed it on.
    const stays = await tellFlag(c, flagged('f1a90000-0000-4000-8000-000000000003', 'key-person'));
    expect(stays).toMatchObject({ level: 'L1', phase: 'mediation', risks: ['violence-risk', 'key-person'] });
    expect(harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'risk-raised')?.details).toMatchObject({
      consequence: 'stays-not-back-to-sender',
    });
    // The risky case's clock running out escalates it at once, without waiting for a coordinator.
    await c.pass('33 days');
    const escalated = await c.until((s) => s.level === 'L2', 'the urgent escalation');
    expect(escalated.levels[0]?.outcome).toBe('escalated');
    await c.keepHistory('party-risk-flag-not-back-to-sender');
  });

  it('is refused with anything but ids and a risk code, and cannot reach a closed case', async () => {
    const c = await harness.startCase();
    const error = await tellFlag(c, { ...flagged('not-an-id', 'key-person') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    await c.act(STAFF.coordinator, { kind: 'withdraw' });
    // A closed case's workflow has finished: nothing is there to take the flag (case-service skips closed cases).
    await expect(tellFlag(c, flagged('f1a90000-0000-4000-8000-000000000004', 'key-person'))).rejects.toThrow();
    expect((await c.state()).risks).toEqual([]);
  });
});
