import type { FieldIssue, FieldIssueCode } from '@gongzhi/errors';
import type { z } from 'zod';

/** The part of a request a schema validates, as a problem's detail names it. */
export type InputPart = 'request body' | 'query string' | 'path';

/**
 * Turns zod's issues into the field list of a validation problem, in words a form can show next to a field. In a
 * query string (`where`), each unknown parameter is its own entry under its own name: the one to remove.
 */
export function zodIssuesToFieldIssues(
  issues: readonly z.core.$ZodIssue[],
  where: InputPart = 'request body',
): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.') || (where === 'request body' ? '(body)' : `(${where})`);
    if (issue.code === 'unrecognized_keys' && where === 'query string' && issue.path.length === 0) {
      return issue.keys.map((key) => ({
        path: key,
        message: 'not a parameter of this route — remove it',
        code: 'unknown-field' as const,
      }));
    }
    if (issue.code === 'unrecognized_keys') {
      return [{ path, message: `unknown field(s): ${issue.keys.join(', ')} — remove them`, code: 'unknown-field' }];
    }
    return [{ path, message: issue.message, ...kindOf(issue) }];
  });
}

/** A bound zod reports as a number or bigint, as a number (field limits are small). */
const bound = (value: number | bigint): number => Number(value);

/** The general kind of a zod issue, for clients that word it in their user's language. */
function kindOf(issue: z.core.$ZodIssue): { code?: FieldIssueCode; limit?: number } {
  switch (issue.code) {
    case 'invalid_type':
      // zod words a missing value "…, received undefined" (the input itself is not kept in the issue).
      return { code: /received undefined$/.test(issue.message) ? 'required' : 'invalid-type' };
    case 'too_small':
      return {
        code: issue.origin === 'string' ? 'too-short' : issue.origin === 'array' ? 'too-few' : 'too-small',
        limit: bound(issue.minimum),
      };
    case 'too_big':
      return {
        code: issue.origin === 'string' ? 'too-long' : issue.origin === 'array' ? 'too-many' : 'too-big',
        limit: bound(issue.maximum),
      };
    case 'invalid_format':
      return { code: 'invalid-format' };
    case 'invalid_value':
      return { code: 'invalid-choice' };
    default:
      return {};
  }
}
