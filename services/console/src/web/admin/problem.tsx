import { ProblemAlert } from '../common/ui/problem';

/**
 * A refused request on the administrators' pages: the repairs' own refusals (nothing to retry, a task not in the
 * case, a repair still running) in the person's language, every other problem as the console's glossary says it.
 */
export function AdminProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  return <ProblemAlert error={error} glossary="admin:problems" {...(onReload ? { onReload } : {})} />;
}
