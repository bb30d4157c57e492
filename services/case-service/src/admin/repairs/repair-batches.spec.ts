/** The batch runner on fakes: one run per batch in a process, however often it is launched, and `idle` waits for it. */
import { createLogger } from '@gongzhi/http';
import type { RepairWorkflows } from '@gongzhi/dispute-client';
import type { BatchRow } from './repair.model';
import { type BatchRunDeps, createBatchRunner } from './repair-batches';

const BATCH: BatchRow = {
  id: 'b1',
  kind: 'resend-urging',
  actorId: 'admin-1',
  reason: 'urge the stations',
  repair: { kind: 'resend-urging' },
  filters: {},
  status: 'running',
  requestHash: null,
  createdAt: new Date('2026-03-10T00:00:00.000Z'),
  finishedAt: null,
};

function setUp() {
  const reads: string[] = [];
  const finished: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const unused = () => Promise.reject(new Error('a batch without repairs does not carry any out'));
  const deps: BatchRunDeps = {
    repository: {
      async batch(id) {
        reads.push(id);
        await gate;
        return { batch: BATCH, repairs: [] };
      },
      async finishBatch(id) {
        finished.push(id);
      },
      taskOf: unused,
      assignTask: unused,
      carryOver: unused,
      lease: unused,
      finish: unused,
      byId: unused,
    },
    cases: { caseById: unused },
    workflows: {} as RepairWorkflows,
    inspector: { state: unused },
    logger: createLogger('case-service', 'silent'),
    now: () => new Date('2026-03-10T01:00:00.000Z'),
  };
  return { runner: createBatchRunner(deps), reads, finished, release };
}

describe('the batch runner', () => {
  it('runs a batch once however often it is launched meanwhile, and idle resolves when it is done', async () => {
    const { runner, reads, finished, release } = setUp();
    runner.launch('b1');
    runner.launch('b1');
    release();
    await runner.idle();
    // Read once to run it and once to see every item done; finished once.
    expect([reads, finished]).toEqual([['b1', 'b1'], ['b1']]);
    runner.launch('b1');
    await runner.idle();
    expect(finished).toEqual(['b1', 'b1']);
  });
});
