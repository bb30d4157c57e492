/** A repair batch's progress as the batch page shows it, and how often it asks again while the batch runs. */
import type { CaseSchemas } from '../common/api/client';
import { isUuid } from './stuck-filters';

export type RepairBatch = CaseSchemas['RepairBatch'];
export type RepairBatchItem = RepairBatch['items'][number];

/** Asked again this often while a batch runs: live enough to watch, light enough for a slow office PC. */
export const BATCH_POLL_MS = 1_500;

/** The items finished, whatever came of them. */
export function batchDone(batch: Pick<RepairBatch, 'counts'>): number {
  return batch.counts.applied + batch.counts.refused + batch.counts.failed;
}

/** Done over total, in whole percent, never 100 before the batch says it is done (a rounding would claim it). */
export function batchPercent(batch: Pick<RepairBatch, 'counts' | 'total' | 'status'>): number {
  if (batch.status === 'done') return 100;
  if (batch.total <= 0) return 0;
  return Math.min(99, Math.floor((batchDone(batch) * 100) / batch.total));
}

/** Ant Design Progress's status: running, done with every item applied, or done with some refused or failed. */
export function batchProgressStatus(
  batch: Pick<RepairBatch, 'counts' | 'status'>,
): 'active' | 'success' | 'exception' | 'normal' {
  if (batch.status === 'running') return 'active';
  if (batch.status !== 'done') return 'normal';
  return batch.counts.refused + batch.counts.failed > 0 ? 'exception' : 'success';
}

/** How long until the page asks again: every 1.5 s while the batch runs (or is not read yet), never once done. */
export function batchPollInterval(batch: Pick<RepairBatch, 'status'> | undefined): number | false {
  return batch === undefined || batch.status === 'running' ? BATCH_POLL_MS : false;
}

/** The batch the page watches, from its address (`?batch=<id>`), so a reload keeps watching it. */
export function batchIdOf(params: URLSearchParams): string | undefined {
  const id = params.get('batch');
  return isUuid(id) ? id : undefined;
}
