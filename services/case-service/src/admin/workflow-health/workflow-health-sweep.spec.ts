/** The health sweep on fakes: what it keeps, what it forgets, and that one replica sweeps at a time. */
import { createLogger } from '@gongzhi/http';
import { createHealthSweep } from './workflow-health-sweep';
import type { TroubledWorkflowRecord } from './workflow-health.model';
import type { WorkflowHealthRepository } from './workflow-health.repository';
import type { DescribedWorkflow, WorkflowInspector } from '@gongzhi/dispute-client';

const NOW = new Date('2026-03-10T00:00:00.000Z');

function workflow(id: string, overrides: Partial<DescribedWorkflow> = {}): DescribedWorkflow {
  return {
    workflowId: id,
    runId: 'run-1',
    status: 'RUNNING',
    caseId: id.replace('dispute-case-', ''),
    townCode: 'qingshui',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    level: 'L1',
    awaitedAction: 'mediate',
    nextDeadline: null,
    startedAt: NOW.toISOString(),
    closedAt: null,
    pendingActivities: [],
    workflowTask: null,
    ...overrides,
  };
}

const failingActivity = {
  activityId: '5',
  activityType: 'recordTimeline',
  attempt: 3,
  state: 'SCHEDULED',
  lastFailure: 'connect ECONNREFUSED',
  scheduledAt: null,
  lastStartedAt: null,
};

/** The repository in memory, holding the lease as the SQL does (free, ours, or run out). */
function memoryRepository() {
  const rows = new Map<string, TroubledWorkflowRecord>();
  const lease = { holder: null as string | null, until: 0 };
  const passes: { checked: number; complete: boolean }[] = [];
  const repository: WorkflowHealthRepository = {
    lease: async (_scope, holder, until, at) => {
      if (lease.holder !== null && lease.holder !== holder && lease.until >= at.getTime()) return false;
      Object.assign(lease, { holder, until: until.getTime() });
      return true;
    },
    release: async (_scope, holder) => {
      if (lease.holder === holder) Object.assign(lease, { holder: null, until: 0 });
    },
    record: async ({ troubled, healthy }) => {
      for (const row of troubled) {
        rows.set(row.workflowId, { ...row, firstSeenAt: rows.get(row.workflowId)?.firstSeenAt ?? row.checkedAt });
      }
      for (const id of healthy) rows.delete(id);
    },
    finishPass: async (_scope, pass) => {
      passes.push({ checked: pass.checked, complete: pass.complete });
      if (!pass.complete) return;
      for (const [id, row] of rows) if (row.checkedAt < pass.startedAt) rows.delete(id);
    },
    troubled: async () => [...rows.values()],
    status: async () => ({ lastPassFinishedAt: null, lastPassChecked: 0, lastPassComplete: false }),
  };
  return { repository, rows, lease, passes };
}

function temporal(workflows: DescribedWorkflow[], unanswered: string[] = []) {
  const described: string[] = [];
  const inspector: Pick<WorkflowInspector, 'runningPages' | 'describe'> = {
    runningPages: async function* (pageSize) {
      const running = workflows.filter((w) => w.status === 'RUNNING');
      for (let n = 0; n < running.length; n += pageSize) yield running.slice(n, n + pageSize);
    },
    describe: async (id) => {
      described.push(id);
      if (unanswered.includes(id)) throw new Error('deadline exceeded');
      return workflows.find((w) => w.workflowId === id) ?? null;
    },
  };
  return { inspector, described };
}

function sweep(repository: WorkflowHealthRepository, inspector: Pick<WorkflowInspector, 'runningPages' | 'describe'>) {
  let at = NOW.getTime();
  return createHealthSweep({
    repository,
    inspector,
    logger: createLogger('case-service', 'silent'),
    describesPerSecond: Number.POSITIVE_INFINITY,
    // Every reading of the clock a millisecond later, so one pass's rows are newer than the last one's.
    now: () => new Date((at += 1)),
  });
}

describe('the health sweep', () => {
  it('keeps the workflows whose activity or workflow task failed more than once, and no others', async () => {
    const { repository, rows, passes } = memoryRepository();
    const workflows = [
      ...Array.from({ length: 250 }, (_, n) => workflow(`dispute-case-h${n}`)),
      workflow('dispute-case-fa', { pendingActivities: [failingActivity] }),
      // A first attempt is an activity at work.
      workflow('dispute-case-busy', { pendingActivities: [{ ...failingActivity, attempt: 1 }] }),
      workflow('dispute-case-wt', { workflowTask: { attempt: 4, scheduledAt: null, originalScheduledAt: null } }),
    ];
    const { inspector, described } = temporal(workflows);
    const pass = await sweep(repository, inspector).sweepOnce();
    expect(pass).toMatchObject({ checked: 253, troubled: 2, unanswered: 0, complete: true });
    expect([...rows.keys()].sort()).toEqual(['dispute-case-fa', 'dispute-case-wt']);
    expect(rows.get('dispute-case-fa')).toMatchObject({ caseId: 'fa', townCode: 'qingshui' });
    expect(described).toHaveLength(253);
    expect(passes).toEqual([{ checked: 253, complete: true }]);
  });

  it('forgets a workflow once it recovers or stops running, and keeps one that did not answer', async () => {
    const { repository, rows } = memoryRepository();
    const fa = workflow('dispute-case-fa', { pendingActivities: [failingActivity] });
    const wt = workflow('dispute-case-wt', {
      workflowTask: { attempt: 4, scheduledAt: null, originalScheduledAt: null },
    });
    const gone = workflow('dispute-case-gone', { pendingActivities: [failingActivity] });
    // Temporal as each pass finds it.
    let now = temporal([fa, wt, gone]);
    const sweeper = sweep(repository, {
      runningPages: (pageSize) => now.inspector.runningPages(pageSize),
      describe: (id) => now.inspector.describe(id),
    });
    await sweeper.sweepOnce();
    expect(rows.size).toBe(3);

    // fa's service came back; gone was terminated; wt's describe timed out this time.
    now = temporal([workflow('dispute-case-fa'), wt, { ...gone, status: 'TERMINATED' }], ['dispute-case-wt']);
    const pass = await sweeper.sweepOnce();
    // A pass with an unanswered describe is not complete, so it forgets nothing it did not see.
    expect(pass).toMatchObject({ unanswered: 1, complete: false });
    expect([...rows.keys()].sort()).toEqual(['dispute-case-gone', 'dispute-case-wt']);

    now = temporal([workflow('dispute-case-fa'), wt]);
    expect(await sweeper.sweepOnce()).toMatchObject({ complete: true });
    expect([...rows.keys()]).toEqual(['dispute-case-wt']);
  });

  it('sweeps on one replica at a time: another waits until the holder lets go', async () => {
    const { repository, lease } = memoryRepository();
    const { inspector } = temporal([workflow('dispute-case-fa', { pendingActivities: [failingActivity] })]);
    const [one, two] = [sweep(repository, inspector), sweep(repository, inspector)];
    expect(await one.sweepOnce()).not.toBeNull();
    expect(await two.sweepOnce()).toBeNull();
    await one.stop();
    expect(lease.holder).toBeNull();
    expect(await two.sweepOnce()).not.toBeNull();
  });
});
