import { Alert, App, Button, Form, Input, InputNumber, Radio, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../common/api/client';
import { taskKindKey } from '../common/task-labels';
import { formatDateTime } from '../common/ui/format';
import { FormSelect, RADIO_GROUP_ROLE } from '../common/ui/form-controls';
import { showFieldErrors } from '../common/ui/problem';
import { ToneTag, type Tone } from '../common/ui/tags';
import { type CaseDiagnosis, suggestedRepair, tasksInOrder } from './diagnosis-view';
import type { Names, TownDirectory } from './directory';
import { taskKindLabel } from './labels';
import { AdminProblemAlert } from './problem';
import { useRepairCase, useRepairLog } from './queries';
import {
  AMOUNT_MAX,
  AMOUNT_MIN,
  CLOCK_UNITS,
  DANGEROUS_REPAIRS,
  REASON_MAX,
  reasonProblem,
  REPAIR_KINDS,
  repairConfirmation,
  type RepairFormValues,
  type RepairKind,
  type RepairRecord,
  type RepairRequest,
  repairRequestOf,
} from './repair-requests';

export const REPAIR_STATUS_TONES: Record<RepairRecord['status'] | 'planned', Tone> = {
  planned: 'neutral',
  pending: 'neutral',
  running: 'neutral',
  applied: 'ok',
  refused: 'warning',
  failed: 'danger',
};

/** The fields the service names in a 400 are the form's own. */
const FORM_FIELDS = new Set(['reason', 'activityId', 'taskId', 'toStaffId', 'amount', 'unit', 'toEventId']);
const fieldOf = (path: string) => (FORM_FIELDS.has(path) ? path : undefined);

type Result = { ok: true; record: RepairRecord } | { ok: false; error: unknown };

/** The reason every repair needs: 5–500 characters, for the repair log. */
export function ReasonField() {
  const { t } = useTranslation('admin');
  return (
    <Form.Item
      label={t('repairs.reason')}
      name="reason"
      className="gz-admin-reason"
      extra={t('repairs.reasonHint')}
      required
      rules={[
        {
          validator: (_rule, value?: string) => {
            const problem = reasonProblem(value);
            if (problem === 'required') return Promise.reject(new Error(t('repairs.reasonRequired')));
            if (problem === 'too-short') return Promise.reject(new Error(t('repairs.reasonTooShort')));
            if (problem === 'too-long') return Promise.reject(new Error(t('repairs.reasonTooLong')));
            return Promise.resolve();
          },
        },
      ]}
    >
      <Input.TextArea rows={3} maxLength={REASON_MAX} showCount autoComplete="off" />
    </Form.Item>
  );
}

/** How much longer an extension gives: a whole number of working or calendar days. */
export function ExtensionFields() {
  const { t } = useTranslation('admin');
  return (
    <>
      <Form.Item
        label={t('repairs.amount')}
        name="amount"
        rules={[
          { required: true, type: 'integer', min: AMOUNT_MIN, max: AMOUNT_MAX, message: t('repairs.amountRequired') },
        ]}
      >
        <InputNumber min={AMOUNT_MIN} max={AMOUNT_MAX} precision={0} />
      </Form.Item>
      <Form.Item label={t('repairs.unit')} name="unit" rules={[{ required: true }]}>
        <Radio.Group
          {...RADIO_GROUP_ROLE}
          aria-label={t('repairs.unit')}
          options={CLOCK_UNITS.map((unit) => ({ value: unit, label: t(`repairs.units.${unit}`) }))}
        />
      </Form.Item>
    </>
  );
}

/** The key a submission carries, shown so an administrator can match it with the service's logs. */
export function IdempotencyKeyNote({ value }: { value: string }) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <p className="gz-muted gz-admin-key">
      {t('common:labelled', { label: t('key.label'), value: '' })}
      <Typography.Text code copyable={{ text: value }}>
        {value}
      </Typography.Text>
      <br />
      {t('key.hint')}
    </p>
  );
}

interface RepairFormProps {
  kind: RepairKind;
  caseId: string;
  diagnosis: CaseDiagnosis;
  names: Names;
  directory: TownDirectory | undefined;
  caseTasks: readonly Task[] | undefined;
  onResult: (result: Result) => void;
}

/**
 * The form of one repair kind. Mounted anew when the kind changes, so each opened form has its own Idempotency-Key;
 * a retry of the same submission keeps it (see useSubmissionKey).
 */
function RepairForm({ kind, caseId, diagnosis, names, directory, caseTasks, onResult }: RepairFormProps) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const { modal } = App.useApp();
  const repair = useRepairCase(caseId);
  const [form] = Form.useForm<RepairFormValues>();
  const exists = (key: string) => i18n.exists(key);
  const chosenTaskId = Form.useWatch('taskId', form);
  const openTasks = tasksInOrder(diagnosis.openTasks);
  const openTaskLabel = (task: { kind: string; agencyId: string }) =>
    t('repairs.taskOption', { kind: taskKindLabel(t, exists, task.kind), agency: names.agency(task.agencyId) });
  // Re-opening is for a task whose row was closed or lost: every task of the case is a candidate.
  const reopenable = caseTasks ?? [];
  const reopenLabel = (task: Task) =>
    t('repairs.taskOptionStatus', {
      kind: t(`common:taskKinds.${taskKindKey(task)}`),
      agency: names.agency(task.agencyId),
      status: t(`repairs.taskStatus.${task.status}`),
    });
  const chosenTask = openTasks.find((task) => task.id === chosenTaskId);
  const colleagues = (directory?.staff ?? []).filter(
    (staff) => staff.active && staff.agencyId === chosenTask?.agencyId && staff.id !== chosenTask.assigneeStaffId,
  );

  const namesOf = (request: RepairRequest) => {
    if (request.kind === 'retry-activity' && request.activityId) {
      const activity = diagnosis.pendingActivities.find((a) => a.activityId === request.activityId);
      return { activity: activity ? `${activity.activityType} (${activity.activityId})` : request.activityId };
    }
    if (request.kind === 'reopen-task') {
      const task = reopenable.find((candidate) => candidate.id === request.taskId);
      return task ? { task: reopenLabel(task) } : {};
    }
    if (request.kind === 'reassign-task' || request.kind === 'extend-deadline') {
      const task = openTasks.find((candidate) => candidate.id === request.taskId);
      return {
        ...(task ? { task: openTaskLabel(task) } : {}),
        ...(request.kind === 'reassign-task' ? { staff: names.staff(request.toStaffId) } : {}),
      };
    }
    return {};
  };

  const send = async (request: RepairRequest) => {
    try {
      const record = await repair.mutateAsync(request);
      onResult({ ok: true, record });
      form.resetFields();
    } catch (error) {
      showFieldErrors(form, error, fieldOf);
      onResult({ ok: false, error });
    }
  };

  const confirm = (values: RepairFormValues) => {
    const request = repairRequestOf({ ...values, kind });
    if (!request) return;
    const sentence = repairConfirmation(request, namesOf(request));
    const danger = DANGEROUS_REPAIRS.has(kind);
    modal.confirm({
      title: t('repairs.confirmTitle'),
      content: (
        <>
          <Typography.Paragraph strong>{t(sentence.key, sentence.values)}</Typography.Paragraph>
          <Typography.Paragraph className="gz-muted">
            {t('common:labelled', { label: t('repairs.reason'), value: request.reason })}
          </Typography.Paragraph>
        </>
      ),
      okText: t('repairs.confirmOk'),
      cancelText: t('common:actions.cancel'),
      okButtonProps: { danger },
      // What cannot be undone is not one Enter away.
      autoFocusButton: danger ? 'cancel' : 'ok',
      onOk: () => send(request),
    });
  };

  const taskSelect = (options: { value: string; label: string }[]) =>
    options.length === 0 ? (
      <Alert type="info" showIcon message={t('repairs.noTasks')} className="gz-group-title" />
    ) : (
      <Form.Item
        label={t('repairs.task')}
        name="taskId"
        rules={[{ required: true, message: t('repairs.taskRequired') }]}
      >
        <FormSelect options={options} />
      </Form.Item>
    );

  const blocked = diagnosis.state?.blocked;
  return (
    <Form<RepairFormValues>
      form={form}
      layout="vertical"
      className="gz-admin-form"
      aria-label={t(`repairs.kinds.${kind}`)}
      initialValues={{ activityId: '', unit: 'working-days', amount: 5 }}
      // The people offered are the chosen task's agency's: another task may be another agency's.
      onValuesChange={(changed: Partial<RepairFormValues>) => {
        if ('taskId' in changed) form.setFieldValue('toStaffId', undefined);
      }}
      onFinish={confirm}
    >
      <Typography.Paragraph className="gz-muted">{t(`repairs.kindHints.${kind}`)}</Typography.Paragraph>
      {kind === 'retry-activity' ? (
        <>
          {blocked ? (
            <Alert
              type="warning"
              showIcon
              className="gz-group-title"
              message={t('repairs.blockedNote', { activity: blocked.activity })}
            />
          ) : null}
          <Form.Item label={t('repairs.activity')} name="activityId">
            <FormSelect
              options={[
                { value: '', label: t('repairs.allActivities') },
                ...diagnosis.pendingActivities.map((activity) => ({
                  value: activity.activityId,
                  label: t('repairs.activityOption', {
                    type: activity.activityType,
                    id: activity.activityId,
                    attempt: activity.attempt,
                  }),
                })),
              ]}
            />
          </Form.Item>
        </>
      ) : null}
      {kind === 'reassign-task' || kind === 'extend-deadline'
        ? taskSelect(openTasks.map((task) => ({ value: task.id, label: openTaskLabel(task) })))
        : null}
      {kind === 'reopen-task'
        ? taskSelect(reopenable.map((task) => ({ value: task.id, label: reopenLabel(task) })))
        : null}
      {kind === 'reassign-task' && openTasks.length > 0 ? (
        <Form.Item
          label={t('repairs.toStaff')}
          name="toStaffId"
          extra={t('repairs.toStaffHint')}
          rules={[{ required: true, message: t('repairs.toStaffRequired') }]}
        >
          <FormSelect
            showSearch
            optionFilterProp="label"
            disabled={!chosenTask}
            options={colleagues.map((staff) => ({ value: staff.id, label: staff.displayName }))}
          />
        </Form.Item>
      ) : null}
      {kind === 'extend-deadline' && openTasks.length > 0 ? <ExtensionFields /> : null}
      {kind === 'reset' ? (
        <Form.Item label={t('repairs.toEventId')} name="toEventId" extra={t('repairs.toEventIdHint')}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
      ) : null}
      <ReasonField />
      <IdempotencyKeyNote value={repair.idempotencyKey} />
      <Button type="primary" danger={DANGEROUS_REPAIRS.has(kind)} htmlType="submit" loading={repair.isPending}>
        {t('repairs.submit')}
      </Button>
    </Form>
  );
}

/** What came of the last repair: its outcome as logged, or the refusal. */
function RepairResult({ result }: { result: Result }) {
  const { t } = useTranslation('admin');
  if (!result.ok) return <AdminProblemAlert error={result.error} />;
  return (
    <Alert
      type="success"
      role="status"
      showIcon
      message={t('repairs.done', { outcome: result.record.outcome ?? t(`repairs.statuses.${result.record.status}`) })}
    />
  );
}

/** The repairs of one case: a form per kind, then what came of the last one. */
export function RepairPanel(props: Omit<RepairFormProps, 'kind' | 'onResult'>) {
  const { t } = useTranslation('admin');
  // Opens on the repair the diagnosis points to (an overdue transfer is not fixed by retrying activities).
  const [kind, setKind] = useState<RepairKind>(() => suggestedRepair(props.diagnosis));
  const [result, setResult] = useState<Result | undefined>(undefined);
  return (
    <>
      <label className="gz-filter gz-group-title">
        <span>{t('repairs.kind')}</span>
        <FormSelect<RepairKind>
          aria-label={t('repairs.kind')}
          value={kind}
          popupMatchSelectWidth={false}
          onChange={(next) => {
            setKind(next);
            setResult(undefined);
          }}
          options={REPAIR_KINDS.map((value) => ({ value, label: t(`repairs.kinds.${value}`) }))}
        />
      </label>
      <RepairForm key={kind} kind={kind} {...props} onResult={setResult} />
      {result ? (
        <div className="gz-group-title" aria-label={t('repairs.resultTitle')} role="group">
          <RepairResult result={result} />
        </div>
      ) : null}
    </>
  );
}

/** The case's repair log, newest first: read again after every repair (the repair invalidates it). */
export function RepairLogTable({ caseId, names }: { caseId: string; names: Names }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const log = useRepairLog(caseId);
  // Three columns, each with its detail beneath: the log fits the page's narrow column without scrolling sideways.
  const columns: TableColumnsType<RepairRecord> = [
    {
      key: 'when',
      title: t('repairs.whenWho'),
      render: (_, record) => (
        <>
          <div>{formatDateTime(record.requestedAt, i18n.language)}</div>
          <div className="gz-muted">{names.staff(record.actorId)}</div>
        </>
      ),
    },
    {
      key: 'kind',
      title: t('repairs.kindStatus'),
      render: (_, record) => (
        <>
          <div>
            {t(`repairs.kinds.${record.kind}`)}
            {record.batchId ? <span className="gz-muted"> · {t('repairs.fromBatch')}</span> : null}
          </div>
          <ToneTag tone={REPAIR_STATUS_TONES[record.status]}>{t(`repairs.statuses.${record.status}`)}</ToneTag>
        </>
      ),
    },
    {
      key: 'reason',
      title: t('repairs.reasonOutcome'),
      render: (_, record) => (
        <>
          <div>{record.reason}</div>
          {record.outcome ? <div className="gz-muted gz-admin-outcome">{record.outcome}</div> : null}
        </>
      ),
    },
  ];
  return (
    <>
      {log.isError ? <AdminProblemAlert error={log.error} onReload={() => void log.refetch()} /> : null}
      <Table<RepairRecord>
        aria-label={t('repairs.logCaption')}
        size="small"
        columns={columns}
        dataSource={log.data?.items ?? []}
        rowKey="id"
        loading={log.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('repairs.noLog') }}
      />
    </>
  );
}
