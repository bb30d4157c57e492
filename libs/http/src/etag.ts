import type { Request } from 'express';
import { AppError, PreconditionFailedError, PROBLEM_TYPES } from '@gongzhi/errors';

/** Strong ETag for a row version: clients echo it in If-Match to update what they read, and nothing newer. */
export function etagOf(id: string, version: number): string {
  return `"${id}.v${version}"`;
}

/**
 * Updates require `If-Match` with the ETag the caller read: missing → 428, stale → 412. Returns the version the
 * caller expects, for a conditional write (`UPDATE … WHERE version = ?`) that closes the race between check and write.
 */
export function expectedVersion(req: Request, id: string, currentVersion: number): number {
  const header = req.get('if-match');
  if (!header) {
    throw new AppError(428, PROBLEM_TYPES.preconditionRequired, 'If-Match required', {
      detail: 'Send the ETag you last read in an If-Match header, so that you never overwrite a newer change.',
    });
  }
  const tags = header.split(',').map((tag) => tag.trim());
  if (!tags.includes(etagOf(id, currentVersion)) && !tags.includes('*')) throw new PreconditionFailedError();
  return currentVersion;
}
