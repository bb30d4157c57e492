import {
  BATCH_POLL_MS,
  batchIdOf,
  batchPercent,
  batchPollInterval,
  batchProgressStatus,
  type RepairBatch,
} from './batch-progress';

function batch(status: RepairBatch['status'], total: number, counts: Partial<RepairBatch['counts']>) {
  return { status, total, counts: { pending: 0, applied: 0, refused: 0, failed: 0, ...counts } };
}

describe("a repair batch's progress", () => {
  it('counts every finished item, whatever came of it, against the total', () => {
    expect(batchPercent(batch('running', 8, { pending: 4, applied: 2, refused: 1, failed: 1 }))).toBe(50);
    expect(batchPercent(batch('running', 3, { pending: 2, applied: 1 }))).toBe(33);
  });

  it('never shows 100% before the batch says it is done, and 100% once it is, even when empty', () => {
    expect(batchPercent(batch('running', 200, { pending: 1, applied: 199 }))).toBe(99);
    expect(batchPercent(batch('done', 0, {}))).toBe(100);
    expect(batchPercent(batch('running', 0, {}))).toBe(0);
  });

  it('shows a running bar, then success or, when anything was refused or failed, an exception', () => {
    expect(batchProgressStatus(batch('running', 2, { pending: 2 }))).toBe('active');
    expect(batchProgressStatus(batch('done', 2, { applied: 2 }))).toBe('success');
    expect(batchProgressStatus(batch('done', 2, { applied: 1, refused: 1 }))).toBe('exception');
  });

  it('asks again every 1–2 s while the batch runs, and stops once it is done', () => {
    expect(BATCH_POLL_MS).toBeGreaterThanOrEqual(1_000);
    expect(BATCH_POLL_MS).toBeLessThanOrEqual(2_000);
    expect(batchPollInterval(batch('running', 1, { pending: 1 }))).toBe(BATCH_POLL_MS);
    expect(batchPollInterval(batch('done', 1, { applied: 1 }))).toBe(false);
  });

  it("watches the batch named in the page's address, and nothing that is not a batch id", () => {
    const id = '0c7d1e52-3f1a-4b8e-9d2c-6a5b4c3d2e1f';
    expect(batchIdOf(new URLSearchParams({ batch: id }))).toBe(id);
    expect(batchIdOf(new URLSearchParams({ batch: '../cases' }))).toBeUndefined();
  });
});
