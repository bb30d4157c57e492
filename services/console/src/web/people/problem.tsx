import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../common/api/problem';
import { ProblemAlert } from '../common/ui/problem';

/**
 * A refused change to a staff account: its own refusals (one's own account, the last administrator, a change made
 * meanwhile) in the person's language, every other problem as the console's glossary says it.
 */
export function StaffProblemAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation(['people', 'common']);
  const slug = error instanceof ProblemError ? error.slug : '';
  if (!(error instanceof ProblemError) || !slug || !i18n.exists(`people:staff.problems.${slug}.title`)) {
    return <ProblemAlert error={error} />;
  }
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      message={t(`people:staff.problems.${slug}.title`)}
      description={
        <>
          {t(`people:staff.problems.${slug}.detail`)}
          {error.problem.requestId ? (
            <div className="gz-muted">{t('common:problems.requestId', { id: error.problem.requestId })}</div>
          ) : null}
        </>
      }
    />
  );
}
