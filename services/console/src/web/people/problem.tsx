import { ProblemAlert } from '../common/ui/problem';

/**
 * A refused change to a staff account: its own refusals (one's own account, the last administrator, a change made
 * meanwhile) in the person's language, every other problem as the console's glossary says it.
 */
export function StaffProblemAlert({ error }: { error: unknown }) {
  return <ProblemAlert error={error} glossary="people:staff.problems" />;
}
