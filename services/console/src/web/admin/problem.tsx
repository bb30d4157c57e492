import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../common/api/problem';
import { ProblemAlert } from '../common/ui/problem';

/**
 * A refused request on the administrators' pages: the repairs' own refusals (nothing to retry, a task not in the
 * case, a repair still running) in the person's language, every other problem as the console's glossary says it.
 */
export function AdminProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const slug = error instanceof ProblemError ? error.slug : '';
  if (!(error instanceof ProblemError) || !slug || !i18n.exists(`admin:problems.${slug}.title`)) {
    return <ProblemAlert error={error} {...(onReload ? { onReload } : {})} />;
  }
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      message={t(`admin:problems.${slug}.title`)}
      description={
        <>
          {t(`admin:problems.${slug}.detail`)}
          {error.problem.requestId ? (
            <div className="gz-muted">{t('common:problems.requestId', { id: error.problem.requestId })}</div>
          ) : null}
        </>
      }
      action={
        onReload ? (
          <Button size="small" onClick={onReload}>
            {t('common:actions.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
