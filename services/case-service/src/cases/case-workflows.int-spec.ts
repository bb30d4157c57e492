/**
 * case-service's Temporal adapter against the real Temporal dev server: the errors a real server and SDK produce for
 * a rejected Update, a finished workflow and a missing one become the problems staff see, and an Update id sent
 * twice acts once. The workflow is a stub with the dispute workflow's Update and Query names (act-stub.workflow.ts),
 * on a task queue of its own, so no dispute worker on the shared server ever sees these runs.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type ActInput, DISPUTE_REJECTIONS, getDisputeStateQuery } from '@gongzhi/contracts';
import { AppError } from '@gongzhi/errors';
import { startStubWorker, type StubWorker } from '../testing/stub-worker';
import { type CaseWorkflows, createCaseWorkflows } from '@gongzhi/dispute-client';

describe('the Temporal adapter against a real server', () => {
  let stubs: StubWorker;
  let client: Client;
  let taskQueue: string;
  let workflows: CaseWorkflows;

  beforeAll(async () => {
    stubs = await startStubWorker({
      workflowsPath: require.resolve('../testing/act-stub.workflow'),
      taskQueuePrefix: 'case-service-act-stub',
    });
    ({ client, taskQueue } = stubs);
    workflows = createCaseWorkflows(client);
  });

  afterAll(async () => {
    await stubs?.stop();
  });

  async function startStub(): Promise<string> {
    const workflowId = `act-stub-${randomUUID()}`;
    stubs.track(workflowId);
    await client.workflow.start('actStubWorkflow', { workflowId, taskQueue, args: [workflowId] });
    return workflowId;
  }

  const act = (actionId?: string): ActInput => ({
    actor: { staffId: 'med-1', agencyId: '0a9e0000-0000-4000-8000-000000000006', roles: ['mediator'] },
    ...(actionId ? { actionId } : {}),
    action: { kind: 'record-session', heldAt: '2026-03-04T02:00:00.000Z' },
  });

  async function problemOf(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!(error instanceof AppError)) throw new Error(`expected a problem, got ${String(error)}`);
    return error;
  }

  it('returns the state the Update returns, and applies an Update id once however often it is sent', async () => {
    const workflowId = await startStub();
    const first = await workflows.act(workflowId, act(), 'complete:t-1:med-1:key-1');
    const again = await workflows.act(workflowId, act(), 'complete:t-1:med-1:key-1');
    expect(first.responsibleStaffId).toBe('med-1');
    expect(again.sequence.action).toBe(1);
    const other = await workflows.act(workflowId, act(), 'complete:t-1:med-1:key-2');
    expect(other.sequence.action).toBe(2);
  });

  it.each([
    [DISPUTE_REJECTIONS.illegalAction, 409, 'action-not-possible-now'],
    [DISPUTE_REJECTIONS.staleTask, 409, 'stale-task'],
    [DISPUTE_REJECTIONS.closed, 409, 'case-closed'],
    [DISPUTE_REJECTIONS.notAllowed, 403, 'forbidden'],
    [DISPUTE_REJECTIONS.invalidInput, 422, 'invalid-action'],
  ])('turns the validator’s %s into a %i problem with its message', async (type, status, problemType) => {
    const workflowId = await startStub();
    const problem = await problemOf(workflows.act(workflowId, act(`reject:${type}`), `u-${randomUUID()}`));
    expect(problem.toProblem()).toMatchObject({
      status,
      type: `urn:gongzhi:problem:${problemType}`,
      detail: `The stub rejects with ${type}.`,
    });
    // A rejected action leaves the workflow as it was.
    expect((await client.workflow.getHandle(workflowId).query(getDisputeStateQuery)).sequence.action).toBe(0);
  });

  it('sends a reassignment as the reassign Update: one Update id acts once, and a rejection is a problem', async () => {
    const workflowId = await startStub();
    const reassign = (actionId: string) => ({
      actor: { staffId: 'coord-1', agencyId: '0a9e0000-0000-4000-8000-000000000001', roles: ['coordinator' as const] },
      actionId,
      toStaffId: 'med-3',
    });
    const first = await workflows.reassign(workflowId, reassign('4-mediate'), 'reassign:t-1:coord-1:key-1');
    const again = await workflows.reassign(workflowId, reassign('4-mediate'), 'reassign:t-1:coord-1:key-1');
    expect(first.responsibleStaffId).toBe('med-3');
    expect(again.sequence.action).toBe(1);
    const refused = await problemOf(
      workflows.reassign(workflowId, reassign(`reject:${DISPUTE_REJECTIONS.notAllowed}`), `u-${randomUUID()}`),
    );
    expect([refused.status, refused.type]).toEqual([403, 'forbidden']);
    expect((await client.workflow.getHandle(workflowId).query(getDisputeStateQuery)).sequence.action).toBe(1);
  });

  it('answers 409 for a workflow that finished or never started', async () => {
    const workflowId = await startStub();
    await workflows.closeAsMerged(workflowId, { actorId: 'coord-1', mergedIntoCaseId: 'case-2' });
    await client.workflow.getHandle(workflowId).result();
    const finished = await problemOf(workflows.act(workflowId, act(), `u-${randomUUID()}`));
    expect([finished.status, finished.type]).toEqual([409, 'workflow-not-running']);
    const missing = await problemOf(workflows.act(`act-stub-${randomUUID()}`, act(), `u-${randomUUID()}`));
    expect([missing.status, missing.type]).toEqual([409, 'workflow-not-running']);
    // Telling a finished workflow about a merge again is a no-op, not an error.
    await expect(
      workflows.closeAsMerged(workflowId, { actorId: 'coord-1', mergedIntoCaseId: 'case-2' }),
    ).resolves.toBeUndefined();
  });

  it('reads the workflow view through the query, and says NOT_STARTED for an unknown workflow', async () => {
    const workflowId = await startStub();
    expect(await workflows.view(workflowId)).toMatchObject({
      workflowId,
      status: 'RUNNING',
      level: 'L1',
      phase: 'mediation',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      openActions: [],
    });
    expect(await workflows.view(`act-stub-${randomUUID()}`)).toMatchObject({ status: 'NOT_STARTED', level: null });
  });
});
