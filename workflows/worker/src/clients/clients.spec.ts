import type { CaseProgressInput, OpenAction, PlannablePolicy } from '@gongzhi/contracts/dispute';
import { countingTokenSource, type HttpDouble, problem, startHttpDouble } from '../testing/http-double';
import { createServiceClient } from '../http/service-client';
import { createAgencyApi } from './agency-api';
import { createCaseApi } from './case-api';

const clock = { amount: 30, unit: 'calendar-days' } as const;
const policy: PlannablePolicy = {
  version: 3,
  ladder: [
    {
      level: 'L1',
      agencyKind: 'mediation-committee',
      mediationClock: clock,
      extension: null,
      firstSessionWithin: null,
      rule: 'r',
    },
  ],
  acceptance: { clock: { amount: 2, unit: 'working-days' }, remindAtFraction: 0.5, rule: 'r' },
  routing: [{ id: 'risk-to-police', match: { anyRisk: ['violence-risk'] }, startAt: 'L2' }],
};

describe('HTTP clients of the dispute activities', () => {
  let peer: HttpDouble;
  beforeEach(async () => {
    peer = await startHttpDouble();
  });
  afterEach(() => peer.close());

  const serviceClient = () =>
    createServiceClient({ service: 'test', baseUrl: peer.baseUrl, tokens: countingTokenSource(), timeoutMs: 2_000 });

  describe('agency-service', () => {
    it('reads the town’s current policy, ignoring fields it does not know', async () => {
      peer.answer({ status: 200, body: { ...policy, townCode: 'qingshui', createdAt: null, futureField: 1 } });
      const read = await createAgencyApi(serviceClient()).currentPolicy('qingshui');
      expect(read).toEqual(policy);
      expect(peer.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/towns/qingshui/policy' });
    });

    it('follows the cursor until the town’s last agency', async () => {
      const agency = (id: string) => ({ id, kind: 'court', areaCodes: [], name: `court ${id}`, version: 1 });
      peer.route((request) =>
        request.url.includes('cursor=page-2')
          ? { status: 200, body: { items: [agency('c')], nextCursor: null } }
          : { status: 200, body: { items: [agency('a'), agency('b')], nextCursor: 'page-2' } },
      );
      const agencies = await createAgencyApi(serviceClient()).townAgencies('qingshui');
      expect(agencies.map((a) => a.id)).toEqual(['a', 'b', 'c']);
      expect(agencies[0]).toEqual({ id: 'a', kind: 'court', areaCodes: [] });
      expect(peer.requests.map((r) => r.url)).toEqual([
        '/api/v1/agencies?townCode=qingshui&limit=100',
        '/api/v1/agencies?townCode=qingshui&limit=100&cursor=page-2',
      ]);
    });

    it('stops a cursor that never ends instead of paging forever', async () => {
      peer.answer({ status: 200, body: { items: [], nextCursor: 'same' } });
      await expect(createAgencyApi(serviceClient()).townAgencies('qingshui')).rejects.toThrow(/kept paging/);
      expect(peer.requests).toHaveLength(2);
    });

    it('reads a staff member or an agency by id, keeping ids and codes only, and answers null for an unknown id', async () => {
      const agencyApi = createAgencyApi(serviceClient());
      peer.answer({
        status: 200,
        body: {
          id: 'med-1',
          username: 'mediator.shangba',
          displayName: '张三',
          agencyId: 'committee',
          townCode: 'qingshui',
          roles: ['mediator'],
          active: true,
          version: 1,
        },
      });
      expect(await agencyApi.staffMember('med-1')).toEqual({
        staffId: 'med-1',
        agencyId: 'committee',
        townCode: 'qingshui',
        roles: ['mediator'],
        active: true,
      });
      peer.answer({
        status: 200,
        body: { id: 'police', kind: 'police-station', townCode: 'qingshui', name: '派出所' },
      });
      expect(await agencyApi.agency('police')).toEqual({
        agencyId: 'police',
        kind: 'police-station',
        townCode: 'qingshui',
      });
      peer.answer(problem(404, 'not-found', 'Not found'));
      expect(await agencyApi.staffMember('nobody')).toBeNull();
      peer.answer(problem(400, 'validation', 'Invalid request'));
      expect(await agencyApi.agency('not an id')).toBeNull();
      expect(peer.requests.map((r) => r.url)).toEqual([
        '/api/v1/staff/med-1',
        '/api/v1/agencies/police',
        '/api/v1/staff/nobody',
        '/api/v1/agencies/not%20an%20id',
      ]);
    });

    it("reads a staff member from agency-service's reduced answer to the worker (StaffForWorkflowEngine)", async () => {
      const agencyApi = createAgencyApi(serviceClient());
      peer.answer({
        status: 200,
        body: {
          id: 'med-2',
          agencyId: 'committee',
          townCode: 'qingshui',
          roles: ['mediator', 'liaison'],
          active: false,
        },
      });
      expect(await agencyApi.staffMember('med-2')).toEqual({
        staffId: 'med-2',
        agencyId: 'committee',
        townCode: 'qingshui',
        roles: ['mediator', 'liaison'],
        active: false,
      });
    });

    it('does not take a missing route for an unknown id', async () => {
      peer.answer(problem(404, 'route-not-found', 'No such route'));
      await expect(createAgencyApi(serviceClient()).agency('police')).rejects.toMatchObject({
        nonRetryable: true,
      });
    });

    it('asks the calendar for working or calendar days', async () => {
      const agencyApi = createAgencyApi(serviceClient());
      peer.answer({
        status: 200,
        body: { result: '2026-10-10T01:00:00.000Z', basis: 'official', unit: 'working-days' },
      });
      expect(await agencyApi.addWorkingDays('2026-09-30T01:00:00.000Z', 3)).toEqual({
        result: '2026-10-10T01:00:00.000Z',
        basis: 'official',
      });
      peer.answer({ status: 200, body: { result: '2026-10-30T01:00:00.000Z', unit: 'calendar-days' } });
      expect(await agencyApi.addCalendarDays('2026-09-30T01:00:00.000Z', 30)).toEqual({
        result: '2026-10-30T01:00:00.000Z',
      });
      expect(peer.requests.map((r) => r.url)).toEqual([
        '/api/v1/calendar/add-working-days?from=2026-09-30T01%3A00%3A00.000Z&days=3',
        '/api/v1/calendar/add-calendar-days?from=2026-09-30T01%3A00%3A00.000Z&days=30',
      ]);
    });
  });

  describe('case-service (internal routes)', () => {
    const caseId = '0b6f3c1e-0000-4000-8000-000000000001';
    const action: OpenAction = {
      actionId: 'a:3',
      kind: 'accept-transfer',
      level: 'L2',
      agencyId: 'agency-police',
      roles: ['liaison'],
      assigneeStaffId: null,
      openedAt: '2026-10-08T01:00:00.000Z',
      dueAt: '2026-10-10T01:00:00.000Z',
      rule: 'r',
      reason: null,
    };

    it('puts a task, keyed by case and action id', async () => {
      await createCaseApi(serviceClient()).openTask({ caseId, workflowId: `dispute-case-${caseId}`, action });
      expect(peer.requests[0]).toMatchObject({
        method: 'PUT',
        url: `/internal/v1/cases/${caseId}/tasks/a%3A3`,
        body: { workflowId: `dispute-case-${caseId}`, action },
      });
    });

    it('closes and reminds tasks', async () => {
      const caseApi = createCaseApi(serviceClient());
      await caseApi.closeTask({
        caseId,
        actionId: 'a:3',
        outcome: 'completed',
        closedBy: 'staff-1',
        closedAt: '2026-10-09T01:00:00.000Z',
      });
      await caseApi.remindTask({ caseId, actionId: 'a:3', remindedAt: '2026-10-09T01:00:00.000Z' });
      expect(peer.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
        {
          method: 'POST',
          url: `/internal/v1/cases/${caseId}/tasks/a%3A3/close`,
          body: { outcome: 'completed', closedBy: 'staff-1', closedAt: '2026-10-09T01:00:00.000Z' },
        },
        {
          method: 'POST',
          url: `/internal/v1/cases/${caseId}/tasks/a%3A3/remind`,
          body: { remindedAt: '2026-10-09T01:00:00.000Z' },
        },
      ]);
    });

    it('puts a timeline event under its URL-encoded key', async () => {
      await createCaseApi(serviceClient()).recordTimeline({
        caseId,
        eventKey: `${caseId}:wf:7`,
        type: 'route-planned',
        actor: 'workflow',
        agencyId: null,
        at: '2026-10-08T01:00:00.000Z',
        details: { route: ['L1', 'L3', 'L4'], policyVersion: 0, routingRules: [] },
      });
      expect(peer.requests[0]).toMatchObject({
        method: 'PUT',
        url: `/internal/v1/cases/${caseId}/timeline/${caseId}%3Awf%3A7`,
        body: {
          type: 'route-planned',
          actor: 'workflow',
          agencyId: null,
          at: '2026-10-08T01:00:00.000Z',
          details: { route: ['L1', 'L3', 'L4'], policyVersion: 0, routingRules: [] },
        },
      });
    });

    const progress: CaseProgressInput = {
      caseId,
      progressSeq: 4,
      level: 'L2',
      phase: 'transfer',
      agencyId: 'agency-police',
      involvedAgencyIds: ['agency-police'],
      outcome: null,
      awaitedAction: 'accept-transfer',
      nextDeadline: '2026-10-10T01:00:00.000Z',
    };

    it('puts the case’s progress, without the case id in the body', async () => {
      await createCaseApi(serviceClient()).updateProgress(progress);
      const { caseId: _omitted, ...body } = progress;
      expect(peer.requests[0]).toMatchObject({ method: 'PUT', url: `/internal/v1/cases/${caseId}/progress` });
      expect(peer.requests[0]?.body).toEqual(body);
    });

    it('puts one transition’s writes in their order, each as its own route’s body with its key', async () => {
      await createCaseApi(serviceClient()).commitTransition({
        caseId,
        workflowId: `dispute-case-${caseId}`,
        transitionKey: `${caseId}:tr:2`,
        writes: [
          {
            kind: 'closeTask',
            input: { caseId, actionId: 'a:2', outcome: 'completed', closedBy: 's', closedAt: action.openedAt },
          },
          {
            kind: 'recordTimeline',
            input: {
              caseId,
              eventKey: `${caseId}:wf:3`,
              type: 'transfer-accepted',
              actor: 's',
              agencyId: null,
              at: action.openedAt,
              details: {
                level: 'L2',
                responsibleStaffId: 's',
                mediateBy: action.openedAt,
                firstSessionBy: null,
                onTime: true,
                acceptBy: null,
              },
            },
          },
          { kind: 'openTask', input: { caseId, workflowId: `dispute-case-${caseId}`, action } },
          { kind: 'updateCaseProgress', input: progress },
        ],
      });
      const { caseId: _omitted, ...progressBody } = progress;
      expect(peer.requests[0]).toMatchObject({
        method: 'PUT',
        url: `/internal/v1/cases/${caseId}/transitions/${caseId}%3Atr%3A2`,
      });
      expect(peer.requests[0]?.body).toEqual({
        workflowId: `dispute-case-${caseId}`,
        writes: [
          { kind: 'close-task', actionId: 'a:2', outcome: 'completed', closedBy: 's', closedAt: action.openedAt },
          {
            kind: 'timeline',
            eventKey: `${caseId}:wf:3`,
            type: 'transfer-accepted',
            actor: 's',
            agencyId: null,
            at: action.openedAt,
            details: {
              level: 'L2',
              responsibleStaffId: 's',
              mediateBy: action.openedAt,
              firstSessionBy: null,
              onTime: true,
              acceptBy: null,
            },
          },
          { kind: 'open-task', action },
          { kind: 'progress', ...progressBody },
        ],
      });
    });

    it('reports a case case-service does not know as CaseNotFound, and a missing route as itself', async () => {
      const caseApi = createCaseApi(serviceClient());
      peer.answer(problem(404, 'not-found', 'Not found'));
      await expect(caseApi.updateProgress(progress)).rejects.toMatchObject({
        type: 'CaseNotFound',
        nonRetryable: true,
      });
      peer.answer(problem(404, 'route-not-found', 'No such route'));
      await expect(caseApi.updateProgress(progress)).rejects.toMatchObject({
        type: 'urn:gongzhi:problem:route-not-found',
        nonRetryable: true,
      });
    });
  });
});
