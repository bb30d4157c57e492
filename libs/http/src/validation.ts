import type { FieldIssue } from '@gongzhi/errors';
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
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.') || (where === 'request body' ? '(body)' : `(${where})`);
    if (issue.code === 'unrecognized_keys' && where === 'query string' && issue.path.length === 0) {
      return issue.keys.map((key) => ({ path: key, message: 'not a parameter of this route — remove it' }));
    }
    if (issue.code === 'unrecognized_keys') {
      return [{ path, message: `unknown field(s): ${issue.keys.join(', ')} — remove them` }];
    }
    return [{ path, message: issue.message }];
  });
}
