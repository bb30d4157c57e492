import {
  EARLIER_REJECTIONS_LIMIT,
  type EarlierRejection,
  LADDER_LEVELS,
  REJECTION_REASONS,
  type RejectionReason,
} from '@gongzhi/contracts';
import type { TransferHistory } from '../cases/case.model';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Why agencies refused a case before, for its inbox item: its `transfer-rejected` events, oldest first, the latest
 * `limit` of them (the refusals that led here matter more than the first of a long run). `history` is the batch read
 * for the whole inbox page, already in time order.
 */
export function earlierRejectionsOf(
  caseId: string,
  history: TransferHistory,
  limit: number = EARLIER_REJECTIONS_LIMIT,
): EarlierRejection[] {
  const requests = history.requests.filter((r) => r.caseId === caseId);
  const rejections = history.rejections.flatMap((rejection): EarlierRejection[] => {
    if (rejection.caseId !== caseId) return [];
    // The workflow writes the refusing agency as the event's agency; without it, the agency the case had been sent to.
    const agencyId =
      rejection.agencyId ?? requests.filter((r) => r.at.getTime() <= rejection.at.getTime()).at(-1)?.toAgencyId;
    if (!agencyId) return [];
    return [
      {
        agencyId,
        level: oneOf(LADDER_LEVELS, rejection.level),
        // The workflow only accepts REJECTION_REASONS; a row outside them still shows as a refusal, for another reason.
        reason: oneOf<RejectionReason>(REJECTION_REASONS, rejection.reason) ?? 'other',
        rejectedAt: rejection.at.toISOString(),
      },
    ];
  });
  return limit > 0 ? rejections.slice(-limit) : [];
}
