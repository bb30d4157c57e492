import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, type FormInstance, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  caseApi,
  type CaseSchemas,
  type DisputeAction,
  type Level,
  newIdempotencyKey,
  type Task,
  unwrap,
} from '../common/api/client';
import { isProblem } from '../common/api/problem';
import type { SessionInfo } from '../common/session/session';
import { useDirectory } from '../common/queries/directory';
import { FormSelect, RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { LEVEL_AGENCY_KIND } from './ladder';
import { MediateActions } from './mediate-actions';
import { actionFieldOf, useSendAction } from './send-action';
import { CLOSE_REASONS, LEVELS, SIGN_OFF_DECLINE_REASONS, type SignOffDeclineReason } from '../common/api/vocabulary';
import { taskKindKey } from '../common/task-labels';

/** Whether the signed-in person may act on a task: they hold it, or nobody does and it is their agency's and role's. */
export function canActOn(task: Task, session: SessionInfo | null | undefined): boolean {
  if (!session || task.status !== 'open') return false;
  if (task.assigneeStaffId) return task.assigneeStaffId === session.staff.id;
  return task.agencyId === session.staff.agencyId && task.roles.some((role) => session.staff.roles.includes(role));
}

/** 回访: whether the parties perform the agreement. Not performed sends the case back up the ladder. */
function FollowUpVisit({ task, onStale }: { task: Task; onStale: () => void }) {
  const { t } = useTranslation('case');
  const { complete, send } = useSendAction(task, onStale);
  const [form] = Form.useForm<{ performance: 'performing' | 'performed' | 'not-performed' }>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ performance }) => void send({ kind: 'record-follow-up-visit', performance }, form)}
    >
      {complete.isError ? <ProblemAlert error={complete.error} onReload={onStale} /> : null}
      <Form.Item
        label={t('performance')}
        name="performance"
        rules={[{ required: true, message: t('performanceRequired') }]}
      >
        <Radio.Group
          {...RADIO_GROUP_ROLE}
          aria-label={t('performance')}
          options={(['performed', 'performing', 'not-performed'] as const).map((value) => ({
            value,
            label: t(`performanceOptions.${value}`),
          }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={complete.isPending}>
        {t('recordFollowUp')}
      </Button>
    </Form>
  );
}

/**
 * Joint mediation: each agency that mediated with the responsible one signs the agreement off, or declines with a
 * reason (the level's rule then decides: final without it, or back to mediation).
 */
function JointSignOff({ task, onStale }: { task: Task; onStale: () => void }) {
  const { t } = useTranslation('case');
  const { complete, send } = useSendAction(task, onStale);
  const [declineForm] = Form.useForm<{ reason: SignOffDeclineReason }>();
  return (
    <Space direction="vertical" className="gz-full">
      {complete.isError ? <ProblemAlert error={complete.error} onReload={onStale} /> : null}
      <Typography.Paragraph>{t('signOffHint')}</Typography.Paragraph>
      <Button type="primary" loading={complete.isPending} onClick={() => void send({ kind: 'sign-off' })}>
        {t('signOff')}
      </Button>
      <Form
        form={declineForm}
        layout="vertical"
        onFinish={({ reason }) => void send({ kind: 'decline-sign-off', reason }, declineForm)}
      >
        <Form.Item
          label={t('declineReason')}
          name="reason"
          extra={t('declineHint')}
          rules={[{ required: true, message: t('declineReasonRequired') }]}
        >
          <FormSelect
            options={SIGN_OFF_DECLINE_REASONS.map((reason) => ({
              value: reason,
              label: t(`declineReasons.${reason}`),
            }))}
          />
        </Form.Item>
        <Button danger htmlType="submit" loading={complete.isPending}>
          {t('declineSignOff')}
        </Button>
      </Form>
    </Space>
  );
}

/** The court's ruling on an application for judicial confirmation (司法确认) of the agreement. */
function ConfirmationDecision({ task, onStale }: { task: Task; onStale: () => void }) {
  const { t } = useTranslation('case');
  const { complete, send } = useSendAction(task, onStale);
  const [form] = Form.useForm<{ confirmed: boolean }>();
  const [acceptForm] = Form.useForm<{ acceptedAt: Dayjs }>();
  // The court first accepts the application (受理, within 3 days); its 15 days to decide run from then.
  const awaitingAcceptance = task.reason === 'awaiting-acceptance';
  return (
    <Space direction="vertical" className="gz-full">
      {awaitingAcceptance ? (
        <Form
          form={acceptForm}
          layout="vertical"
          initialValues={{ acceptedAt: dayjs().startOf('minute') }}
          onFinish={({ acceptedAt }) =>
            void send({ kind: 'record-confirmation-acceptance', acceptedAt: acceptedAt.toISOString() }, acceptForm)
          }
        >
          <Form.Item
            label={t('acceptedAt')}
            name="acceptedAt"
            extra={t('acceptanceHint')}
            rules={[{ required: true, message: t('acceptedAtRequired') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={complete.isPending}>
            {t('recordAcceptance')}
          </Button>
        </Form>
      ) : null}
      <ConfirmationRuling form={form} send={send} complete={complete} onStale={onStale} primary={!awaitingAcceptance} />
    </Space>
  );
}

function ConfirmationRuling({
  form,
  send,
  complete,
  onStale,
  primary,
}: {
  form: FormInstance<{ confirmed: boolean }>;
  send: ReturnType<typeof useSendAction>['send'];
  complete: ReturnType<typeof useSendAction>['complete'];
  onStale: () => void;
  primary: boolean;
}) {
  const { t } = useTranslation('case');
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ confirmed }) => void send({ kind: 'record-confirmation-decision', confirmed }, form)}
    >
      {complete.isError ? <ProblemAlert error={complete.error} onReload={onStale} /> : null}
      <Form.Item
        label={t('confirmationRuling')}
        name="confirmed"
        rules={[{ required: true, message: t('confirmationRulingRequired') }]}
      >
        <Radio.Group
          {...RADIO_GROUP_ROLE}
          aria-label={t('confirmationRuling')}
          options={[
            { value: true, label: t('confirmed') },
            { value: false, label: t('notConfirmed') },
          ]}
        />
      </Form.Item>
      <Button type={primary ? 'primary' : 'default'} htmlType="submit" loading={complete.isPending}>
        {t('recordConfirmation')}
      </Button>
    </Form>
  );
}

/**
 * A bounced transfer, or a case no agency could be chosen for by rule (a village without a committee): send it
 * (again) to a level, naming the receiving agency where it must be named, or close the case with a reason. The
 * coordinators' decision queue shows it too, asking to `confirm` each action first and told when one went through.
 */
export function HandleRejection({
  task,
  onStale,
  confirm,
  onDone,
}: {
  task: Task;
  onStale: () => void;
  confirm?: (action: DisputeAction) => Promise<boolean>;
  onDone?: (answer: CaseSchemas['CompleteTaskResponse']) => void;
}) {
  const { t } = useTranslation(['case', 'common']);
  const { complete, send: sendNow } = useSendAction(task, onStale);
  const send: typeof sendNow = async (action, form) => {
    if (!confirm || (await confirm(action))) await sendNow(action, form);
  };
  const answer = complete.data;
  // Once per answer: a later render (with a new callback) is not a new answer.
  useEffect(() => {
    if (answer) onDone?.(answer);
  }, [answer]);
  const directory = useDirectory();
  const mustName = taskKindKey(task) === 'route-case';
  const [rerouteForm] = Form.useForm<{ toLevel: Level; agencyId?: string }>();
  const toLevel = Form.useWatch('toLevel', rerouteForm) ?? task.level ?? 'L2';
  const candidates = (directory.data?.agencies ?? []).filter((agency) => agency.kind === LEVEL_AGENCY_KIND[toLevel]);
  const [closeForm] = Form.useForm<{ reason: (typeof CLOSE_REASONS)[number] }>();
  return (
    <Space direction="vertical" className="gz-full">
      {complete.isError ? <ProblemAlert error={complete.error} onReload={onStale} /> : null}
      {mustName ? <Typography.Paragraph>{t(`routingReasons.${task.reason}`)}</Typography.Paragraph> : null}
      <Form
        form={rerouteForm}
        layout="vertical"
        initialValues={{ toLevel: task.level ?? 'L2' }}
        onFinish={({ toLevel: level, agencyId }) =>
          void send({ kind: 'reroute', toLevel: level, ...(agencyId ? { agencyId } : {}) }, rerouteForm)
        }
      >
        <Form.Item label={t('rerouteTo')} name="toLevel" rules={[{ required: true }]}>
          <FormSelect
            options={LEVELS.map((level) => ({
              value: level,
              label: `${t(`common:levels.${level}`)} · ${t(`common:agencyKinds.${LEVEL_AGENCY_KIND[level]}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('receivingAgency')}
          name="agencyId"
          extra={mustName ? undefined : t('receivingAgencyHint')}
          rules={[{ required: mustName, message: t('receivingAgencyRequired') }]}
        >
          <FormSelect
            allowClear
            loading={directory.isLoading}
            options={candidates.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={complete.isPending}>
          {t('reroute')}
        </Button>
      </Form>
      <Form
        form={closeForm}
        layout="vertical"
        onFinish={({ reason }) => void send({ kind: 'close-case', reason }, closeForm)}
      >
        <Form.Item
          label={t('closeReason')}
          name="reason"
          rules={[{ required: true, message: t('closeReasonRequired') }]}
        >
          <FormSelect
            options={CLOSE_REASONS.map((reason) => ({ value: reason, label: t(`closeReasons.${reason}`) }))}
          />
        </Form.Item>
        <Button danger htmlType="submit" loading={complete.isPending}>
          {t('closeCase')}
        </Button>
      </Form>
    </Space>
  );
}

/** The form for a task the person may act on, by its kind; coordinators' decisions live on their own pages. */
export function TaskActionPanel({ task, caseId, onStale }: { task: Task; caseId: string; onStale: () => void }) {
  const { t } = useTranslation('case');
  switch (task.kind) {
    case 'mediate':
      return <MediateActions task={task} caseId={caseId} onStale={onStale} />;
    case 'follow-up-visit':
      return <FollowUpVisit task={task} onStale={onStale} />;
    case 'joint-sign-off':
      return <JointSignOff task={task} onStale={onStale} />;
    case 'judicial-confirmation':
      return <ConfirmationDecision task={task} onStale={onStale} />;
    case 'handle-rejection':
      return <HandleRejection task={task} onStale={onStale} />;
    case 'accept-transfer':
      return <Link to="/inbox">{t('goToInbox')}</Link>;
    default:
      return <Typography.Paragraph className="gz-muted">{t('coordinatorTask')}</Typography.Paragraph>;
  }
}

/**
 * 司法确认: once an agreement is in effect, the parties may jointly apply to the court to confirm it within 30 days
 * (人民调解法 art. 33). Staff of an agency working the case record the application; the court's ruling then becomes a
 * task of the tribunal.
 */
export function ConfirmationApplication({ caseId, onStale }: { caseId: string; onStale: () => void }) {
  const { t } = useTranslation('case');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [form] = Form.useForm<{ appliedAt: Dayjs }>();
  const apply = useMutation({
    mutationFn: ({ appliedAt }: { appliedAt: Dayjs }) =>
      unwrap(
        caseApi.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: caseId }, header: { 'idempotency-key': key.current } },
          body: { action: { kind: 'record-confirmation-application', appliedAt: appliedAt.toISOString() } },
        }),
      ),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void message.success(t('done'));
    },
    onError: (error) => {
      showFieldErrors(form, error, actionFieldOf);
      if (isProblem(error, 409) || isProblem(error, 412)) onStale();
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ appliedAt: dayjs().startOf('minute') }}
      onFinish={(values) => apply.mutate(values)}
    >
      <Typography.Paragraph className="gz-muted">{t('confirmationHint')}</Typography.Paragraph>
      {apply.isError ? <ProblemAlert error={apply.error} onReload={onStale} /> : null}
      <Form.Item label={t('appliedAt')} name="appliedAt" rules={[{ required: true, message: t('appliedAtRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Button htmlType="submit" loading={apply.isPending}>
        {t('recordConfirmationApplication')}
      </Button>
    </Form>
  );
}
