import { type AppError, DependencyUnavailableError } from '@gongzhi/errors';

/**
 * Database and Temporal outages are not the caller's fault and not our bug: they become 503 problems that tell the
 * caller to retry. Recognised by shape, so no service needs Prisma's or Temporal's internals to map them.
 */
export function infrastructureErrorMapper(names: { database: string; temporal?: boolean }) {
  return (error: unknown): AppError | undefined => {
    if (typeof error !== 'object' || error === null) return undefined;
    const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (
      name === 'PrismaClientInitializationError' ||
      code === 'P1001' ||
      code === 'P1017' ||
      /ECONNREFUSED|ECONNRESET|Connection terminated/.test(text)
    ) {
      return new DependencyUnavailableError(names.database, error);
    }
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
