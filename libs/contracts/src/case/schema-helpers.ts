/** Building blocks shared by case-service's staff and workflow-facing schemas. */
import { z } from '../zod';

/**
 * `true` exactly when A and B are the same type (not merely assignable one way). Schemas that mirror a TypeScript
 * contract assert it, so a field added to the contract and forgotten in the schema (or the reverse) fails to compile.
 */
export type TypesMatch<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** An ISO 8601 instant between 1900 and 9999 (see primitives.ts). */
export { Instant } from '../primitives';

/**
 * A key the workflow derives from its own counters (action ids, timeline event keys): they travel in URL paths, so
 * they are limited to characters that need no escaping.
 */
export const WorkflowKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'use 1–200 letters, digits, dots, colons, hyphens or underscores');
