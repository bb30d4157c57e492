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

/** Documented on every conditional update: the ETag the caller last read. */
export const IfMatchHeaders = z.object({ 'if-match': z.string().openapi({ example: '"<id>.v3"' }) });
