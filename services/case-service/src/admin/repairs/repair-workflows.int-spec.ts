/**
 * The Temporal side of repairs on the real dev server: a reset goes to the last completed workflow task as a new run
 * (and a retried reset with the same request id is one reset), a point that is not a completed workflow task is
 * refused, and a workflow Temporal does not have is a 409 the administrator can act on, never a 500.
 */
import { randomUUID } from 'node:crypto';
import { startStubWorker, type StubWorker } from '../../testing/stub-worker';
import { createRepairWorkflows, type RepairWorkflows } from '@gongzhi/dispute-client';

describe('repairs on the real Temporal dev server', () => {
  let stubs: StubWorker;
  let workflows: RepairWorkflows;

  beforeAll(async () => {
    stubs = await startStubWorker({
      workflowsPath: require.resolve('../../testing/stall-stub.workflow'),
      taskQueuePrefix: 'case-service-repair-stub',
      activities: { recordTimeline: async () => undefined },
    });
    workflows = createRepairWorkflows(stubs.client);
  });

  afterAll(async () => {
    await stubs?.stop();
  });

  async function startIdle(): Promise<string> {
    const workflowId = `repair-stub-${randomUUID()}`;
    const handle = await stubs.client.workflow.start('idleStubWorkflow', {
      workflowId,
      taskQueue: stubs.taskQueue,
      args: [randomUUID()],
    });
    stubs.track(workflowId);
    // The first workflow task completed: the point a reset can go back to.
    await handle.query('getDisputeState');
    return workflowId;
  }

  it('resets a terminated workflow to its last completed workflow task as a new, running run — and a retried repair resets once', async () => {
    const workflowId = await startIdle();
    const first = await stubs.client.workflow.getHandle(workflowId).describe();
    await stubs.client.workflow.getHandle(workflowId).terminate('behind the case’s back');

    const requestId = randomUUID();
    const reset = await workflows.reset(workflowId, { requestId, reason: 'administrator repair test' });
    expect(reset.runId).not.toBe(first.runId);
    expect((await stubs.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    const again = await workflows.reset(workflowId, { requestId, reason: 'administrator repair test' });
    expect(again.runId).toBe(reset.runId);
  });

  it('refuses a reset point that is not a completed workflow task, and a workflow Temporal does not have', async () => {
    const workflowId = await startIdle();
    await expect(
      workflows.reset(workflowId, { toEventId: 1, requestId: randomUUID(), reason: 'administrator repair test' }),
    ).rejects.toMatchObject({ status: 409, type: 'no-reset-point' });

    const missing = `repair-stub-missing-${randomUUID()}`;
    await expect(
      workflows.reset(missing, { requestId: randomUUID(), reason: 'administrator repair test' }),
    ).rejects.toMatchObject({ status: 409, type: 'workflow-not-found' });
    await expect(workflows.retryActivities(missing)).rejects.toMatchObject({ status: 409, type: 'workflow-not-found' });
    expect(await workflows.terminate(missing, 'administrator repair test')).toBe(false);
  });
});
