import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency';

extendZodWithOpenApi(z);

/** Documented on every POST that honours `Idempotency-Key` (a UUID is a good key). */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)')
    .optional(),
});

/**
 * Documented on every POST that refuses to act without an `Idempotency-Key` (workflow actions, repairs): the OpenAPI
 * document marks it required, so a generated client cannot leave it out.
 */
export const RequiredIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'use 8–128 letters, digits, dots, colons, hyphens or underscores (a UUID works)')
    .openapi({ description: 'Required: a fresh key (a UUID works) with each request, and the same one on a retry' }),
});

/** Documented on every conditional update: the ETag the caller last read. */
export const IfMatchHeaders = z.object({ 'if-match': z.string().openapi({ example: '"<id>.v3"' }) });
