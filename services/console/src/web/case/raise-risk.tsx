import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { caseApi, type Level, newIdempotencyKey, type RiskFlag, unwrap } from '../common/api/client';
import { isProblem, ProblemError } from '../common/api/problem';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';
import { RISK_FLAGS } from '../common/api/vocabulary';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';

/**
 * 上报风险: a risk seen while the case is worked (民转刑, a group forming, a key person), sent to the case's workflow as
 * its `raise-risk` action. The risks the case carries already are shown ticked and cannot be sent again. The town's
 * policy, applied again with the new risks, may move the case up the ladder (a violence risk at the village goes to
 * the police): the answer says where the case is now.
 */
export function RaiseRisk({
  caseId,
  carried,
  level,
  onStale,
}: {
  caseId: string;
  carried: readonly RiskFlag[];
  level: Level | null;
  onStale: () => void;
}) {
  const { t } = useTranslation(['case', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [form] = Form.useForm<{ flags: RiskFlag[] }>();
  const raise = useMutation({
    mutationFn: (flags: RiskFlag[]) =>
      unwrap(
        caseApi.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: caseId }, header: { 'idempotency-key': key.current } },
          body: { action: { kind: 'raise-risk', flags } },
        }),
      ),
    onSuccess: ({ state }) => {
      key.current = newIdempotencyKey();
      void message.success(
        state.level && state.level !== level
          ? t('riskMoved', { level: t(`common:levels.${state.level}`) })
          : t('riskRaised'),
      );
    },
    onError: (error) => {
      if (error instanceof ProblemError) key.current = newIdempotencyKey();
      showFieldErrors(form, error, (path) => (path === 'action.flags' ? 'flags' : undefined));
      if (isProblem(error, 409) || isProblem(error, 412)) onStale();
    },
    onSettled: () => {
      // The case may have moved: its tasks, the inboxes and the counts with it.
      for (const queryKey of [['case', caseId], ['tasks'], ['inbox'], TASK_COUNTS_KEY]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  return (
    <Form
      form={form}
      name="raise-risk"
      layout="vertical"
      initialValues={{ flags: [...carried] }}
      onFinish={({ flags }) => raise.mutate(flags.filter((flag) => !carried.includes(flag)))}
    >
      {/* A standing hint, not news: a note, so a screen reader does not announce it as the page loads. */}
      <Alert type="warning" role="note" showIcon message={t('raiseRiskHint')} className="gz-risk-hint" />
      {raise.isError ? <ProblemAlert error={raise.error} onReload={onStale} /> : null}
      <Form.Item
        label={t('riskFlags')}
        name="flags"
        rules={[
          {
            validator: async (_, flags: RiskFlag[] | undefined) => {
              if (!(flags ?? []).some((flag) => !carried.includes(flag))) throw new Error(t('riskFlagsRequired'));
            },
          },
        ]}
      >
        <Checkbox.Group
          options={RISK_FLAGS.map((flag) => ({
            value: flag,
            label: carried.includes(flag)
              ? t('riskCarried', { risk: t(`common:risks.${flag}`) })
              : t(`common:risks.${flag}`),
            disabled: carried.includes(flag),
          }))}
        />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" loading={raise.isPending}>
        {t('raiseRisk')}
      </Button>
    </Form>
  );
}
