import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisputeAction, Task } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import { useCompleteTask } from '../common/queries/complete-task';
import { showFieldErrors } from '../common/ui/problem';

/** The service names an action's fields `action.<field>`; the forms name them `<field>`. */
export const actionFieldOf = (path: string) => path.replace(/^action\./, '');

/**
 * Sends an action to a task from one of the case page's forms: says so when it is done, puts field errors beside the
 * form's fields, and reloads the page when someone else took the task (409) or the page was stale (412).
 */
export function useSendAction(task: Task, onStale: () => void, doneText?: (action: DisputeAction) => string) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const complete = useCompleteTask(task.id);
  const send = async (action: DisputeAction, form?: Parameters<typeof showFieldErrors>[0]) => {
    try {
      await complete.mutateAsync(action);
      void message.success(doneText?.(action) ?? t('done'));
      form?.resetFields();
    } catch (error) {
      if (form) showFieldErrors(form, error, actionFieldOf);
      if (isProblem(error, 412) || isProblem(error, 409)) onStale();
    }
  };
  return { complete, send };
}
