/**
 * A case end to end over HTTP against the real stack: agency-service (seeded with the demo town) signs the staff's
 * tokens and answers the workflow's policy and calendar reads; case-service stores the case and starts one workflow
 * per case on the Temporal dev server; the worker runs it from the production bundle and writes its tasks, timeline
 * and progress back to case-service with its own service token; staff act on the tasks through case-service.
 */
import { isDeepStrictEqual } from 'node:util';
import { Client } from '@temporalio/client';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import { serviceUrl } from '@gongzhi/testing/apps';
import { eventually, type Staff, TownStack } from './support/town-stack';

const report = {
  disputeType: 'neighbour',
  source: 'walk-in',
  // Intake summaries hold names and numbers in real life: the privacy tier (test/privacy) checks none reaches an event.
  summary:
    'A wall between two courtyards is leaning over the neighbour’s kitchen. 张三 13800138000, 11010519491231002X.',
  townCode: 'qingshui',
  villageCode: 'shangba',
};

type Json = Record<string, unknown>;
interface Task {
  id: string;
  actionId: string;
  kind: string;
  status: string;
  agencyId: string;
}

describe('a case over HTTP, run by its workflow on the real stack', () => {
  const stack = new TownStack();
  let mediator: Staff;
  let otherMediator: Staff;
  let admin: Staff;

  beforeAll(async () => {
    await stack.start(['agency-service', 'party-service', 'case-service', 'statistics-service', 'dispute-worker'], {
      party: 24001,
      case: 24002,
      agency: 24003,
      statistics: 24004,
    });
    mediator = await stack.login('mediator.shangba');
    otherMediator = await stack.login('mediator.xiaba');
    admin = await stack.login('admin');
  });

  afterAll(async () => {
    await stack.stop();
  });

  function call(
    method: 'GET' | 'POST',
    url: string,
    options: { body?: unknown; key?: string; as?: string } = {},
  ): Promise<{ status: number; body: Json }> {
    return stack.call<Json>(options.as ?? mediator, method, url, options);
  }

  const openTask = (caseId: string, kind: string) =>
    eventually(`an open ${kind} task`, async () => {
      const items = (await call('GET', `/api/v1/cases/${caseId}/tasks`)).body.items as Task[];
      return items.find((task) => task.kind === kind && task.status === 'open');
    });

  /** What the recorded and the live workflow views must agree on; open actions by id (their order is not a promise). */
  const essentials = (view: Json) => ({
    level: view.level,
    phase: view.phase,
    agencyId: view.agencyId,
    responsibleStaffId: view.responsibleStaffId,
    openActions: [...(view.openActions as { actionId: string }[])].sort((a, b) => a.actionId.localeCompare(b.actionId)),
  });

  /**
   * The recorded view (an ordinary read) once it agrees with the live one (an administrator's `live=true`): it trails
   * the workflow by the activity that writes the progress, so the test waits for agreement rather than sleeping.
   */
  const recordedAgreesWithLive = (caseId: string) =>
    eventually('the recorded workflow view to agree with the live one', async () => {
      const live = (await call('GET', `/api/v1/cases/${caseId}?live=true`, { as: admin.token })).body.workflow as Json;
      const recorded = (await call('GET', `/api/v1/cases/${caseId}`)).body.workflow as Json;
      return isDeepStrictEqual(essentials(live), essentials(recorded)) ? { live, recorded } : undefined;
    });

  it('plans the case, lets the village committee accept it and mediate, and closes it on withdrawal', async () => {
    const key = `e2e-${Date.now()}`;
    const created = await call('POST', '/api/v1/cases', { body: report, key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', townCode: 'qingshui' });
    const caseId = created.body.id as string;

    // The same request again (a client retry) neither opens a second case nor starts a second workflow.
    const again = await call('POST', '/api/v1/cases', { body: report, key });
    expect(again.body.id).toBe(caseId);
    const client = new Client({ connection: stack.temporal });
    const runs = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = 'dispute-case-${caseId}'` })) runs.push(run);
    expect(runs).toHaveLength(1);

    // The workflow planned the route and opened the transfer to the village's own committee as a task.
    const accept = await openTask(caseId, 'accept-transfer');
    expect(accept.agencyId).toBe(mediator.agencyId);
    const afterIntake = await recordedAgreesWithLive(caseId);
    expect(afterIntake.recorded).toMatchObject({
      source: 'recorded',
      status: 'RUNNING',
      level: 'L1',
      phase: 'transfer',
    });
    expect(afterIntake.live).toMatchObject({ source: 'live', status: 'RUNNING' });
    expect(essentials(afterIntake.recorded)).toMatchObject({
      agencyId: mediator.agencyId,
      responsibleStaffId: null,
      openActions: [expect.objectContaining({ actionId: accept.actionId, kind: 'accept-transfer' })],
    });
    // Only administrators may make a read cost the workflow engine a query.
    expect((await call('GET', `/api/v1/cases/${caseId}?live=true`)).status).toBe(403);

    // Another village's mediator neither sees the task nor can act on it.
    expect((await call('GET', `/api/v1/tasks/${accept.id}`, { as: otherMediator.token })).status).toBe(404);

    const accepted = await call('POST', `/api/v1/tasks/${accept.id}/complete`, {
      body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
      key: `${key}-accept`,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.task).toMatchObject({ id: accept.id, status: 'completed', closedBy: mediator.staffId });
    expect(accepted.body.state).toMatchObject({
      level: 'L1',
      phase: 'mediation',
      responsibleStaffId: mediator.staffId,
    });
    // The task is closed: doing it again is a conflict, not a second acceptance.
    const twice = await call('POST', `/api/v1/tasks/${accept.id}/complete`, {
      body: { action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId } },
      key: `${key}-accept-again`,
    });
    expect(twice.status).toBe(409);

    const mediate = await openTask(caseId, 'mediate');
    const afterAcceptance = await recordedAgreesWithLive(caseId);
    expect(essentials(afterAcceptance.recorded)).toMatchObject({
      level: 'L1',
      phase: 'mediation',
      agencyId: mediator.agencyId,
      responsibleStaffId: mediator.staffId,
      openActions: [expect.objectContaining({ kind: 'mediate', assigneeStaffId: mediator.staffId })],
    });
    const session = await call('POST', `/api/v1/tasks/${mediate.id}/complete`, {
      body: { action: { kind: 'record-session', heldAt: new Date().toISOString() } },
      key: `${key}-session`,
    });
    expect(session.status).toBe(200);
    // The workflow validates what case-service cannot: a session in the future is refused with its reason.
    const future = await call('POST', `/api/v1/tasks/${mediate.id}/complete`, {
      body: { action: { kind: 'record-session', heldAt: '2099-01-01T00:00:00.000Z' } },
      key: `${key}-future`,
    });
    expect(future.status).toBe(422);
    expect(future.body.type).toBe('urn:gongzhi:problem:invalid-action');

    const withdrawn = await call('POST', `/api/v1/cases/${caseId}/actions`, {
      body: { action: { kind: 'withdraw' } },
      key: `${key}-withdraw`,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toMatchObject({ phase: 'closed', openActions: [] });

    const closed = await eventually('the closed case', async () => {
      const res = await call('GET', `/api/v1/cases/${caseId}`);
      return res.body.status === 'closed' ? res.body : undefined;
    });
    expect(closed.progress).toMatchObject({ phase: 'closed', outcome: 'withdrawn' });
    const timeline = (await call('GET', `/api/v1/cases/${caseId}/timeline`)).body.items as { type: string }[];
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['case.opened', 'route-planned', 'transfer-accepted', 'session-recorded', 'case-closed']),
    );

    // case-service's events reach statistics-service through Kafka: the town's figures count the closed case, which
    // was withdrawn, not resolved; its L1 stay was accepted (on time, well within its clock).
    const coordinator = await stack.login('coordinator');
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
        new Date(Date.now() + offset * 86_400_000),
      );
    const figures = await eventually('the closed case in the statistics', async () => {
      const res = await fetch(`${serviceUrl(stack.env, 'statistics')}/api/v1/statistics?from=${day(-1)}&to=${day(1)}`, {
        headers: { authorization: `Bearer ${coordinator.token}` },
      });
      const body = (await res.json()) as { totals?: { closed?: number } } & Json;
      return res.status === 200 && body.totals?.closed === 1 ? body : undefined;
    });
    expect(figures.totals).toMatchObject({ opened: 1, closed: 1, resolved: 0 });
    expect(figures.resolutionRate).toBe(0);
    expect(figures.onTimeAcceptanceRate).toBe(1);
  });

  it('hides a case from another village’s staff (404) and asks strangers to log in (401)', async () => {
    const created = await call('POST', '/api/v1/cases', { body: report });
    const foreign = await call('GET', `/api/v1/cases/${created.body.id as string}`, { as: otherMediator.token });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('leaning');
    expect((await call('GET', `/api/v1/cases/${created.body.id as string}`, { as: 'not-a-token' })).status).toBe(401);
  });

  it('names only parties party-service shows the caller: not another village’s, not a made-up id', async () => {
    // The village mediator registers the applicant in party-service, as intake does.
    const first17 = `11010519800214${String(Date.now() % 1000).padStart(3, '0')}`;
    const registered = await fetch(`${serviceUrl(stack.env, 'party')}/api/v1/parties/lookup-or-create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mediator.token}` },
      body: JSON.stringify({
        kind: 'person',
        name: '李四',
        idNumber: `${first17}${residentIdCheckCharacter(first17)}`,
        address: { townCode: 'qingshui', villageCode: 'shangba' },
      }),
    });
    expect(registered.status).toBe(201);
    const partyId = ((await registered.json()) as { id: string }).id;
    const naming = (id: string) => ({ ...report, parties: [{ partyId: id, role: 'applicant' }] });

    const opened = await call('POST', '/api/v1/cases', { body: naming(partyId) });
    expect(opened.status).toBe(201);
    expect(opened.body.parties).toEqual([{ partyId, role: 'applicant' }]);
    // Xiaba's committee does not work with this person; nobody has the made-up id. Neither is stored.
    for (const [id, as] of [
      [partyId, otherMediator.token],
      ['7e57c0de-0000-4000-8000-000000000000', mediator.token],
    ] as const) {
      const refused = await call('POST', '/api/v1/cases', { body: naming(id), as });
      expect([refused.status, refused.body.type]).toEqual([422, 'urn:gongzhi:problem:unknown-party']);
      expect(refused.body.errors).toEqual([{ path: 'parties.0.partyId', message: expect.any(String) }]);
    }
  });

  it('answers bad input with a problem, never a 500', async () => {
    const res = await call('POST', '/api/v1/cases', { body: { ...report, amount: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:gongzhi:problem:validation-failed');
  });
});
