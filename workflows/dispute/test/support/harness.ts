/**
 * Drives dispute workflows on the time-skipping test server: start a case, act as a staff member through the `act`
 * Update on the task a person would see, let the clocks run, and read what the workflow wrote.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import {
  type Actor,
  actUpdate,
  type DisputeAction,
  type DisputeState,
  type DisputeWorkflowInput,
  DISPUTE_WORKFLOW_TYPE,
  getDisputeStateQuery,
  type HumanActionKind,
  makeDisputeWorkflowId,
} from '@gongzhi/contracts/dispute';
import { createTimeSkippingEnv } from '@gongzhi/testing/time-skipping';
import { buildWorkflowBundle } from '../../scripts/bundle';
import { createRecordingActivities, type RecordedTask, type RecordingActivities } from './recording-activities';
import { TOWN } from './town';

export interface DisputeHarness {
  env: TestWorkflowEnvironment;
  recorded: RecordingActivities;
  taskQueue: string;
  /** Starts a case and (unless told not to) waits until its route is planned. */
  startCase(overrides?: Partial<DisputeWorkflowInput>, options?: { waitForPlan?: boolean }): Promise<CaseDriver>;
  /**
   * Stops the worker and starts one on the same task queue with `bundle`: a deployment of new workflow code while
   * cases run. The new worker replays each case's history on the new code before carrying it on.
   */
  replaceWorker(bundle: WorkflowBundle): Promise<void>;
  teardown(): Promise<void>;
}

let counter = 0;

/** Where the committed histories live that the replay test runs every workflow change against. */
export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');
/**
 * The workflow's current shape: histories recorded now go to a folder of this name under HISTORIES_DIR, beside those
 * of earlier shapes, which running cases still look like: the top level (one activity per case-service write),
 * `transitions-committed-whole/` (one commit per transition, agency-service's reads as activities),
 * `agency-reads-local/` (those reads as local activities), `local-activities/` (the commit as a local activity too),
 * and this one (an action's reads made while whom it names is checked).
 */
export const HISTORY_SHAPE = 'reads-ahead';
export const HISTORY_SUFFIX = '.history.json';

/**
 * A history as reviewable JSON: protobufjs's object form of the message (event types by name, 64-bit numbers and
 * bytes as strings), two-space indented. Not the SDK's historyToJSON, which takes only its own copy of the protobuf
 * classes; this form turns back into the very same bytes (historyFromJson), which the replay test relies on.
 */
export function historyToJson(history: temporal.api.history.v1.IHistory): string {
  const message = temporal.api.history.v1.History.fromObject(history);
  const object = temporal.api.history.v1.History.toObject(message, { longs: String, enums: String, bytes: String });
  return `${JSON.stringify(object, null, 2)}\n`;
}

export function historyFromJson(json: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(json) as Record<string, unknown>);
}

/**
 * Set `GONGZHI_RECORD_HISTORIES=1` to (re)write the histories the tests mark with `keepHistory`. Done only when a
 * branch is new: existing histories are what running workflows look like and must keep replaying.
 */
const RECORD_HISTORIES = process.env['GONGZHI_RECORD_HISTORIES'] === '1';

/** A case id unique within the test run (the workflow id derives from it). */
export function newCaseId(): string {
  counter += 1;
  return `c0000000-0000-4000-8000-${String(process.pid).padStart(6, '0')}${String(counter).padStart(6, '0')}`;
}

export async function createDisputeHarness(
  /**
   * `sticky: false`: the worker keeps no case in its cache, so each step is a plain task on the queue, which another
   * worker can take at once (a stopped worker's sticky queue only times out in server time, which stands still here).
   */
  options: { bundle?: WorkflowBundle; sticky?: boolean } = {},
): Promise<DisputeHarness> {
  const env = await createTimeSkippingEnv();
  const recorded = createRecordingActivities();
  const taskQueue = `dispute-test-${process.pid}`;
  // Bundling the way the `bundle` target does proves the workspace aliases resolve inside the bundle.
  const workerOf = (workflowBundle: WorkflowBundle, sticky = true) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: recorded.activities,
      ...(sticky ? {} : { maxCachedWorkflows: 0 }),
    });
  let worker = await workerOf(options.bundle ?? (await buildWorkflowBundle()), options.sticky ?? true);
  let running = worker.run();
  return {
    env,
    recorded,
    taskQueue,
    async startCase(overrides = {}, { waitForPlan = true } = {}) {
      const caseId = overrides.caseId ?? newCaseId();
      const input: DisputeWorkflowInput = {
        caseId,
        townCode: TOWN,
        villageCode: 'shangba',
        disputeType: 'neighbour',
        risks: [],
        intakeAgencyId: null,
        ...overrides,
      };
      const handle = await env.client.workflow.start(DISPUTE_WORKFLOW_TYPE, {
        workflowId: makeDisputeWorkflowId(caseId),
        taskQueue,
        args: [input],
      });
      const driver = new CaseDriver(caseId, handle, env, recorded);
      if (waitForPlan) await driver.until((s) => s.phase !== 'planning');
      return driver;
    },
    async replaceWorker(bundle) {
      worker.shutdown();
      await running;
      worker = await workerOf(bundle);
      running = worker.run();
    },
    async teardown() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

export class CaseDriver {
  constructor(
    readonly caseId: string,
    readonly handle: WorkflowHandle,
    private readonly env: TestWorkflowEnvironment,
    private readonly recorded: RecordingActivities,
  ) {}

  state(): Promise<DisputeState> {
    return this.handle.query(getDisputeStateQuery);
  }

  /**
   * Waits (by querying, never by sleeping) until the workflow has written the effects of its last change and the state
   * satisfies the predicate; fails after 10 s of wall time.
   */
  async until(
    predicate: (state: DisputeState) => boolean,
    what = 'the expected state',
    { settled = true }: { settled?: boolean } = {},
  ): Promise<DisputeState> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await this.state();
      if ((!settled || !state.settling) && predicate(state)) return state;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(state)}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Lets workflow time pass on the test server (instantly in wall time). */
  async pass(duration: string): Promise<void> {
    await this.env.sleep(duration);
  }

  /** The test server's current time (epoch ms): workflow time, ahead of the wall clock once time has been skipped. */
  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** Lets workflow time pass on the test server up to an instant (epoch ms). */
  async passUntil(at: number): Promise<void> {
    const now = await this.env.currentTimeMs();
    if (at > now) await this.env.sleep(at - now);
  }

  /** The open task of a kind, as case-service would list it. */
  task(kind: HumanActionKind, agencyId?: string): RecordedTask {
    const task = this.recorded
      .openTasksOf(this.caseId)
      .find((t) => t.kind === kind && (agencyId === undefined || t.agencyId === agencyId));
    if (!task) {
      throw new Error(
        `no open ${kind} task; open: ${this.recorded
          .openTasksOf(this.caseId)
          .map((t) => t.kind)
          .join(', ')}`,
      );
    }
    return task;
  }

  /** Does an action on the open task of `kind` (or on no task), as `actor`. */
  act(actor: Actor, action: DisputeAction, kind?: HumanActionKind, agencyId?: string): Promise<DisputeState> {
    const actionId = kind ? this.task(kind, agencyId).actionId : undefined;
    return this.handle.executeUpdate(actUpdate, { args: [{ actor, action, ...(actionId ? { actionId } : {}) }] });
  }

  /** Marks this case's history as the committed example of a branch (written only when recording). */
  async keepHistory(name: string): Promise<void> {
    if (!RECORD_HISTORIES) return;
    const file = path.join(HISTORIES_DIR, HISTORY_SHAPE, `${name}${HISTORY_SUFFIX}`);
    // Never over a committed one: it is what running cases look like, and replaying it is the point.
    if (existsSync(file)) return;
    const history = await this.handle.fetchHistory();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, historyToJson(history));
  }

  types(): string[] {
    return this.recorded.typesOf(this.caseId);
  }

  tasks(): RecordedTask[] {
    return this.recorded.tasksOf(this.caseId);
  }
}
