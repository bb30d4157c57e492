import {
  AppError,
  DependencyUnavailableError,
  isDatabaseOutage,
  isTransactionConflict,
  PROBLEM_TYPES,
} from '@gongzhi/errors';

/**
 * Database and Temporal outages are not the caller's fault and not our bug: they become 503 problems that tell the
 * caller to retry. Recognised by shape, so no service needs Prisma's or Temporal's internals to map them.
 */
export function infrastructureErrorMapper(names: { database: string; temporal?: boolean }) {
  return (error: unknown): AppError | undefined => {
    if (typeof error !== 'object' || error === null) return undefined;
    if (isDatabaseOutage(error)) return new DependencyUnavailableError(names.database, error);
    if (isTransactionConflict(error)) {
      // PostgreSQL gave this transaction up for a concurrent one (a deadlock, or a retried request meeting its first
      // attempt still writing): rolled back whole, so the same request again is safe.
      return new AppError(503, PROBLEM_TYPES.dependencyUnavailable, 'A dependency is unavailable', {
        detail: `${names.database} gave this request up for a concurrent one; retry in a moment. Nothing was changed by this request.`,
        cause: error,
      });
    }
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (
      names.temporal &&
      (name === 'ServiceError' || name === 'ConnectionError' || /14 UNAVAILABLE|DEADLINE_EXCEEDED/.test(text))
    ) {
      return new DependencyUnavailableError('The workflow engine (Temporal)', error);
    }
    return undefined;
  };
}

/** A write refused by a unique constraint (Prisma's P2002): the row, or the claimed key, already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
