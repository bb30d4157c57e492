import { Alert, Button, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';
import { i18n } from '../i18n/i18n';
import { formatClockTime } from './format';
import type { FieldName } from './field-name';

/**
 * A problem's title and detail in the person's language: ours where we know the type, else the service's words.
 * `glossary` (e.g. `admin:problems`) names a feature's own wording of the refusals its pages meet, tried first.
 */
export function useProblemText(glossary?: string) {
  const { t, i18n } = useTranslation();
  return (
    error: unknown,
    values: Record<string, string> = {},
  ): { title: string; detail: string; requestId?: string } => {
    if (!(error instanceof ProblemError))
      return { title: t('problems.network.title'), detail: t('problems.network.detail') };
    const own = glossary && error.slug !== '' ? `${glossary}.${error.slug}` : undefined;
    const key = own && i18n.exists(`${own}.title`) ? own : `common:problems.${error.slug}`;
    const known = error.slug !== '' && i18n.exists(`${key}.title`);
    // A refusal that says when to come back (429 login-throttled's `retryAt`) is shown as the town's clock time.
    const retryAt = error.problem['retryAt'];
    if (typeof retryAt === 'string' && values['retryTime'] === undefined)
      values = { ...values, retryTime: formatClockTime(retryAt, i18n.language) };
    return {
      title: known ? t(`${key}.title`, values) : (error.problem.title ?? t('problems.generic')),
      detail: known ? t(`${key}.detail`, values) : (error.problem.detail ?? ''),
      ...(error.problem.requestId ? { requestId: error.problem.requestId } : {}),
    };
  };
}

/** Shows a refused request; `onReload` offers a reload (412, a lost race, a case that moved on). */
export function ProblemAlert({
  error,
  values,
  onReload,
  glossary,
}: {
  error: unknown;
  values?: Record<string, string>;
  onReload?: () => void;
  /** A feature's own wording of its refusals (see useProblemText). */
  glossary?: string;
}) {
  const { t } = useTranslation();
  const text = useProblemText(glossary)(error, values);
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      message={text.title}
      description={
        <>
          {text.detail}
          {text.requestId ? <div className="gz-muted">{t('problems.requestId', { id: text.requestId })}</div> : null}
        </>
      }
      action={
        onReload ? (
          <Button size="small" onClick={onReload}>
            {t('actions.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}

type FieldIssue = NonNullable<ProblemError['problem']['errors']>[number];

/**
 * A field error in the person's language where the service gave its kind (`code`, and `limit` for a bound); the
 * service's own words otherwise (a rule of its own, which the browser's checks mostly catch first).
 */
export function fieldIssueText(issue: FieldIssue): string {
  const key = `common:fieldIssues.${issue.code ?? ''}`;
  return issue.code && i18n.exists(key) ? i18n.t(key, { limit: issue.limit }) : issue.message;
}

/** Field errors of a 400 beside their fields; returns whether any field matched. */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldOf: (path: string) => FieldName | undefined,
): boolean {
  if (!(error instanceof ProblemError) || !error.problem.errors) return false;
  const fields = error.problem.errors
    .map((issue) => ({ name: fieldOf(issue.path), errors: [fieldIssueText(issue)] }))
    .filter((field): field is { name: FieldName; errors: string[] } => field.name !== undefined);
  form.setFields(fields);
  return fields.length > 0;
}
