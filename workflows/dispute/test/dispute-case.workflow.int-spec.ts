import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  closeDisputeUpdate,
  type DisputeWorkflowInput,
  DISPUTE_WORKFLOW_TYPE,
  getDisputeStateQuery,
  makeDisputeWorkflowId,
} from '@gongzhi/contracts';
import { createTimeSkippingEnv } from '@gongzhi/testing';
import { buildWorkflowBundle } from '../scripts/bundle';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('disputeCaseWorkflow on the time-skipping test server, from the production bundle', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `dispute-test-${process.pid}`;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    // Bundling the way the `bundle` target does proves the workspace aliases resolve inside the bundle.
    const bundle = await buildWorkflowBundle();
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  function start(caseId: string, days = 30) {
    const input: DisputeWorkflowInput = {
      caseId,
      townCode: 'qingshui',
      disputeType: 'neighbour',
      firstLevelClockDays: days,
    };
    return env.client.workflow.start(DISPUTE_WORKFLOW_TYPE, {
      workflowId: makeDisputeWorkflowId(caseId),
      taskQueue,
      args: [input],
    });
  }

  it('lets the 30-day village mediation clock run out within seconds of wall time', async () => {
    const handle = await start('case-clock');
    const before = await handle.query(getDisputeStateQuery);
    expect(before.stage).toBe('village-mediation');
    const startedAt = await env.currentTimeMs();
    expect(new Date(before.deadline).getTime() - startedAt).toBeGreaterThanOrEqual(30 * DAY_MS - 60_000);

    await env.sleep('30 days');
    await env.sleep('1 minute');

    const after = await handle.query(getDisputeStateQuery);
    expect(after.stage).toBe('mediation-clock-expired');
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
  });

  it('closes on a human decision before the clock runs out, and says who closed it', async () => {
    const handle = await start('case-agreement');
    await env.sleep('12 days');
    const state = await handle.executeUpdate(closeDisputeUpdate, {
      args: [{ reason: 'agreement', actorId: 'mediator-7' }],
    });
    expect(state.stage).toBe('closed');
    expect(state.closure).toMatchObject({ reason: 'agreement', closedBy: 'mediator-7' });
    const result = await handle.result();
    expect(result.closure?.reason).toBe('agreement');
  });

  it('rejects a close that names no actor, leaving no trace of it in history', async () => {
    const handle = await start('case-anonymous-close');
    await expect(
      handle.executeUpdate(closeDisputeUpdate, { args: [{ reason: 'withdrawn', actorId: '' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect((await handle.query(getDisputeStateQuery)).stage).toBe('village-mediation');
    const history = await handle.fetchHistory();
    const updateEvents = (history.events ?? []).filter(
      (event) =>
        event.workflowExecutionUpdateAcceptedEventAttributes || event.workflowExecutionUpdateCompletedEventAttributes,
    );
    expect(updateEvents).toHaveLength(0);

    await handle.executeUpdate(closeDisputeUpdate, { args: [{ reason: 'withdrawn', actorId: 'coord-1' }] });
    const accepted = ((await handle.fetchHistory()).events ?? []).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(accepted).toHaveLength(1);
  });
});
