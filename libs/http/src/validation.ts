import type { FieldIssue } from '@gongzhi/errors';
import type { z } from 'zod';

/** Turns zod's issues into the field list of a validation problem, in words a form can show next to a field. */
export function zodIssuesToFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field(s): ${issue.keys.join(', ')} — remove them` };
    }
    return { path, message: issue.message };
  });
}
