import { DependencyUnavailableError, type AppError } from '@gongzhi/errors';

/**
 * Database outages are not the caller's fault and not our bug: they become 503 problems that tell the caller to
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
    return new DependencyUnavailableError('The party database', error);
  }
  return undefined;
}
