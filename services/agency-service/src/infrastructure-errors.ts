import { DependencyUnavailableError, type AppError } from '@gongzhi/errors';

/**
 * A database outage is not the caller's fault and not our bug: it becomes a 503 problem that tells the caller to
 * retry. Recognised by shape, so this module needs none of Prisma's internals.
 */
export function mapInfrastructureError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (
    name === 'PrismaClientInitializationError' ||
    code === 'P1001' ||
    code === 'P1017' ||
    /ECONNREFUSED|ECONNRESET|Connection terminated/.test(text)
  ) {
    return new DependencyUnavailableError('The agency database', error);
  }
  return undefined;
}
